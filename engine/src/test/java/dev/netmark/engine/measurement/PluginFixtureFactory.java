package dev.netmark.engine.measurement;

import dev.netmark.api.Measurement;
import dev.netmark.api.MeasurementContext;
import dev.netmark.api.MeasurementFactory;
import java.util.List;

/** A measurement that only a plugin jar made by a test lists, to prove plugin-dir loading. */
public class PluginFixtureFactory implements MeasurementFactory {
  @Override
  public String method() {
    return "PluginFixture";
  }

  @Override
  public Measurement create(MeasurementContext context) {
    return params -> List.of();
  }
}
