package dev.netmark.engine.measurement;

import dev.netmark.api.MeasurementContext;
import dev.netmark.api.MetricSource;
import dev.netmark.engine.progress.Progress;

/**
 * What built-in measurements may use beyond the plugin SPI: registering objects they created
 * outside the test's namespaces so the run deletes them at the end, the run's progress display, and
 * where the shims' record logs ended when the test began.
 */
public interface EngineMeasurementContext extends MeasurementContext {

  /**
   * Deletes the namespace when the run ends (after every measurement is disposed), unless the run
   * keeps its objects ({@code --keep}). Thread-safe; registering a namespace twice is harmless.
   */
  void deleteAtEnd(String namespace);

  /** Where a measurement that waits shows how far it got. */
  Progress progress();

  /**
   * Where every shim's record log ended before the test created its first namespace, so no event of
   * the test's pods lies before it. Taken when the config uses a measurement whose factory is
   * {@link ReadsFromRunStart}; {@link MetricSource.Cursor#START} otherwise or when it could not be
   * taken (then the whole history is read, as before).
   */
  MetricSource.Cursor runStart();
}
