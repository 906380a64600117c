package dev.netmark.engine.measurement.builtin;

import dev.netmark.api.Measurement;
import dev.netmark.api.MeasurementContext;
import dev.netmark.api.MeasurementFactory;
import dev.netmark.api.Params;

/**
 * {@code Timer}, as in clusterloader2: {@code start} and {@code stop} with a {@code label} time a
 * named phase; {@code gather} reports every stopped phase's duration.
 */
public final class TimerFactory implements MeasurementFactory {
  @Override
  public String method() {
    return "Timer";
  }

  @Override
  public Measurement create(MeasurementContext context) {
    return new Timer();
  }

  @Override
  public void validate(Params params) {
    String action = Actions.require(params, "start", "stop", "gather");
    if (!action.equals("gather")) {
      params.requireString("label");
    }
  }
}
