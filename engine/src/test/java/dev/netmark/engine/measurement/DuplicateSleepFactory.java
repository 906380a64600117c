package dev.netmark.engine.measurement;

import dev.netmark.api.Measurement;
import dev.netmark.api.MeasurementContext;
import dev.netmark.api.MeasurementFactory;

/** Claims the built-in method {@code Sleep}; a plugin jar made by a test lists it. */
public class DuplicateSleepFactory implements MeasurementFactory {
  @Override
  public String method() {
    return "Sleep";
  }

  @Override
  public Measurement create(MeasurementContext context) {
    throw new UnsupportedOperationException("only registered, never created");
  }
}
