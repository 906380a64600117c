package dev.netmark.engine.app;

import dev.netmark.api.Measurement;
import dev.netmark.api.MeasurementContext;
import dev.netmark.api.MeasurementFactory;
import dev.netmark.api.NetmarkException;
import dev.netmark.api.Params;
import dev.netmark.engine.kube.KubeOps;
import dev.netmark.engine.kube.Retrier;
import dev.netmark.engine.kube.RetryPolicy;
import dev.netmark.engine.measurement.EngineMeasurementContext;
import dev.netmark.engine.measurement.ReadsFromRunStart;
import dev.netmark.engine.tuningset.Ticker;
import java.util.List;

/**
 * {@code Application {action: deploy | scale | roll | recreate, app, ...}}: what the {@code
 * deployApplication}, {@code scaleTier}, {@code rollTier} and {@code recreateTier} steps compile to
 * (docs/design.md, "Application models"). It reads the shims' events from the run's start to learn
 * which pods are network-ready.
 */
public final class ApplicationFactory implements MeasurementFactory, ReadsFromRunStart {
  static final List<String> ACTIONS = List.of("deploy", "scale", "roll", "recreate");

  @Override
  public String method() {
    return Application.SUMMARY;
  }

  @Override
  public Measurement create(MeasurementContext context) {
    if (!(context instanceof EngineMeasurementContext engine)) {
      throw new NetmarkException(
          "Application needs the engine's measurement context (progress, run start), got "
              + context.getClass().getName());
    }
    return new Application(
        engine, new KubeOps(engine.kube(), new Retrier(RetryPolicy.DEFAULT, Ticker.system())));
  }

  @Override
  public void validate(Params params) {
    String action = params.action();
    if (!ACTIONS.contains(action)) {
      throw params.error(
          "action", "expected one of " + String.join(", ", ACTIONS) + ", found '" + action + "'");
    }
    params.requireString("app");
    if (action.equals("deploy")) {
      AppSpec.parse(params);
    } else {
      params.requireString("tier");
    }
  }
}
