package com.example.netmark;

import dev.netmark.api.Measurement;
import dev.netmark.api.MeasurementContext;
import dev.netmark.api.MeasurementFactory;
import dev.netmark.api.Params;
import java.util.List;

/**
 * {@code PodCount {action: start|gather, labelSelector?, max?}}: counts the pods matching {@code
 * labelSelector} in the test's namespaces at {@code start} and at {@code gather}, and reports both
 * counts; more than {@code max} pods at {@code gather} is an SLO violation.
 */
public final class PodCountFactory implements MeasurementFactory {
  static final List<String> ACTIONS = List.of("start", "gather");

  @Override
  public String method() {
    return "PodCount";
  }

  @Override
  public Measurement create(MeasurementContext context) {
    return new PodCount(context);
  }

  @Override
  public void validate(Params params) {
    action(params);
    max(params);
  }

  static String action(Params params) {
    String action = params.action();
    if (!ACTIONS.contains(action)) {
      throw params.error(
          "action", "expected one of " + String.join(", ", ACTIONS) + ", found '" + action + "'");
    }
    return action;
  }

  /** The {@code max} param, or -1 when there is none. */
  static long max(Params params) {
    long max = params.integer("max", -1);
    if (params.has("max") && max < 0) {
      throw params.error("max", "expected a count of 0 or more, found " + max);
    }
    return max;
  }
}
