package dev.netmark.measurements.network;

import dev.netmark.api.MetricSource;
import dev.netmark.api.MetricSource.Coverage;
import dev.netmark.api.MetricSource.Cursor;
import dev.netmark.api.MetricSource.EventBatch;
import dev.netmark.contract.PodEvent;
import java.util.function.Consumer;

/** Reads a metric source's events from a cursor until it has caught up with every shim. */
final class EventReader {
  /** Reads per drain; a shim writing faster than this is read cannot make a gather run forever. */
  static final int MAX_READS = 10_000;

  /**
   * The outcome of a drain.
   *
   * @param available false when the source has no per-pod events
   * @param next where to continue
   * @param coverage the nodes of the last read, the one that caught up
   * @param events events passed to the sink
   * @param caughtUp false when {@link #MAX_READS} stopped the drain early
   */
  record Drain(boolean available, Cursor next, Coverage coverage, long events, boolean caughtUp) {}

  private EventReader() {}

  static Drain drain(MetricSource source, Cursor from, Consumer<PodEvent> sink)
      throws InterruptedException {
    Cursor cursor = from;
    long count = 0;
    Coverage coverage = new Coverage(0, java.util.Map.of());
    for (int read = 0; read < MAX_READS; read++) {
      EventBatch batch = source.events(cursor);
      if (!batch.available()) {
        return new Drain(false, cursor, batch.coverage(), 0, true);
      }
      batch.events().forEach(sink);
      count += batch.events().size();
      cursor = batch.next();
      coverage = batch.coverage();
      if (batch.caughtUp()) {
        return new Drain(true, cursor, coverage, count, true);
      }
    }
    return new Drain(true, cursor, coverage, count, false);
  }
}
