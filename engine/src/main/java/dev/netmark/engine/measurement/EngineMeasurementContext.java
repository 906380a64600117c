package dev.netmark.engine.measurement;

import dev.netmark.api.MeasurementContext;
import dev.netmark.engine.progress.Progress;

/**
 * What built-in measurements may use beyond the plugin SPI: registering objects they created
 * outside the test's namespaces so the run deletes them at the end, and the run's progress display.
 */
public interface EngineMeasurementContext extends MeasurementContext {

  /**
   * Deletes the namespace when the run ends (after every measurement is disposed), unless the run
   * keeps its objects ({@code --keep}). Thread-safe; registering a namespace twice is harmless.
   */
  void deleteAtEnd(String namespace);

  /** Where a measurement that waits shows how far it got. */
  Progress progress();
}
