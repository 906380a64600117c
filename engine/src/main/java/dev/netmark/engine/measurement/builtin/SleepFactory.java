package dev.netmark.engine.measurement.builtin;

import dev.netmark.api.Measurement;
import dev.netmark.api.MeasurementContext;
import dev.netmark.api.MeasurementFactory;
import dev.netmark.api.Params;
import java.time.Duration;
import java.util.List;

/** {@code Sleep {action: sleep, duration: 10s}}: waits, to let a system settle between steps. */
public final class SleepFactory implements MeasurementFactory {
  @Override
  public String method() {
    return "Sleep";
  }

  @Override
  public Measurement create(MeasurementContext context) {
    return params -> {
      validate(params);
      Thread.sleep(duration(params));
      return List.of();
    };
  }

  @Override
  public void validate(Params params) {
    Actions.require(params, "sleep");
    if (duration(params).isNegative()) {
      throw params.error("duration", "must not be negative");
    }
  }

  private static Duration duration(Params params) {
    if (!params.has("duration")) {
      throw params.error("duration", "is required, e.g. 10s");
    }
    return params.duration("duration", Duration.ZERO);
  }
}
