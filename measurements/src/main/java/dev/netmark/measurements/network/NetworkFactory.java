package dev.netmark.measurements.network;

import dev.netmark.api.Measurement;
import dev.netmark.api.MeasurementContext;
import dev.netmark.api.MeasurementFactory;
import dev.netmark.api.Params;
import java.time.InstantSource;

/** The factory of one network measurement: its {@link Analysis} on the shared machinery. */
abstract class NetworkFactory implements MeasurementFactory {
  /** A fresh analysis; analyses keep no state, but a fresh one costs nothing. */
  abstract Analysis analysis();

  @Override
  public String method() {
    return analysis().name();
  }

  @Override
  public Measurement create(MeasurementContext context) {
    return new NetworkMeasurement(context, analysis(), InstantSource.system());
  }

  @Override
  public void validate(Params params) {
    WindowSpec.parse(params);
    analysis().validate(params);
  }
}
