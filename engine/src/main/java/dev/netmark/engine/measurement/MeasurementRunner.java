package dev.netmark.engine.measurement;

import dev.netmark.api.Summary;
import dev.netmark.engine.config.MeasurementSpec;
import dev.netmark.engine.config.TestConfig;
import java.util.List;

/**
 * Runs measurement actions of a test, keeping one instance per (method, identifier) so that {@code
 * start} and {@code gather} reach the same object.
 */
public interface MeasurementRunner {

  /**
   * Called once before the test creates its first namespace, with the whole config; the default
   * does nothing.
   */
  default void beforeTest(TestConfig config) throws InterruptedException {}

  /** Runs one action; thread-safe across different identifiers. */
  List<Summary> execute(MeasurementSpec spec) throws InterruptedException;

  /** Disposes every instance created so far; called once at the end of a run, also on failure. */
  void disposeAll();
}
