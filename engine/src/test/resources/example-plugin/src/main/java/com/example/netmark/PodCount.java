package com.example.netmark;

import dev.netmark.api.Measurement;
import dev.netmark.api.MeasurementContext;
import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import dev.netmark.api.Summary.SloViolation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One {@code PodCount} instance: the count at {@code start} is kept for {@code gather}. */
final class PodCount implements Measurement {
  static final String METRIC = "pods";

  private final MeasurementContext context;
  private Long atStart;

  PodCount(MeasurementContext context) {
    this.context = context;
  }

  @Override
  public List<Summary> execute(Params params) {
    String selector = params.string("labelSelector", null);
    if (PodCountFactory.action(params).equals("start")) {
      atStart = count(selector);
      return List.of();
    }
    long now = count(selector);
    long max = PodCountFactory.max(params);
    Map<String, Double> data = new LinkedHashMap<>();
    data.put("Gather", (double) now);
    if (atStart != null) {
      data.put("Start", (double) atStart);
    }
    List<DataItem> items = List.of(new DataItem(data, "count", Map.of("Metric", METRIC)));
    List<SloViolation> violations = new ArrayList<>();
    if (max >= 0 && now > max) {
      violations.add(new SloViolation(METRIC, "Gather", max, now, "count"));
    }
    List<String> notes =
        List.of(
            now
                + " pods matching "
                + (selector == null ? "any labels" : "'" + selector + "'")
                + " in "
                + String.join(", ", context.namespaces())
                + (atStart == null ? "" : " (" + atStart + " at start)"));
    return List.of(new Summary("PodCount", items, violations, notes));
  }

  private long count(String selector) {
    long total = 0;
    for (String namespace : context.namespaces()) {
      total +=
          context
              .kube()
              .pods()
              .inNamespace(namespace)
              .withLabelSelector(selector)
              .list()
              .getItems()
              .size();
    }
    return total;
  }
}
