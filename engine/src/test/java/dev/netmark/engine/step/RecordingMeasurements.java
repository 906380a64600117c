package dev.netmark.engine.step;

import dev.netmark.api.NetmarkException;
import dev.netmark.api.Summary;
import dev.netmark.engine.config.MeasurementSpec;
import dev.netmark.engine.measurement.MeasurementRunner;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records measurement actions; fails those whose method is {@code Fail}. */
final class RecordingMeasurements implements MeasurementRunner {
  final List<String> executed = new CopyOnWriteArrayList<>();
  volatile int disposed;

  @Override
  public List<Summary> execute(MeasurementSpec spec) {
    executed.add(spec.method() + "/" + spec.identifier());
    if (spec.method().equals("Fail")) {
      throw new NetmarkException("measurement could not be taken");
    }
    return List.of(new Summary(spec.identifier(), List.of()));
  }

  @Override
  public void disposeAll() {
    disposed++;
  }
}
