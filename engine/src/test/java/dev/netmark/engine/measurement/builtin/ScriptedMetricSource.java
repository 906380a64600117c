package dev.netmark.engine.measurement.builtin;

import dev.netmark.api.MetricSource;
import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A metric source replaying a fixed event log, one more event per read, to check that readers
 * follow the cursor. Lives in tests only: real sources are in the measurements module.
 */
final class ScriptedMetricSource implements MetricSource {
  private final List<PodEvent> log = new ArrayList<>();
  private final List<Cursor> cursorsSeen = new ArrayList<>();

  synchronized void add(EventKind kind, String uid, String error) {
    log.add(
        new PodEvent(
            log.size(), kind, "node-a", "nm-1", "pod", uid, null, 1, 0, Map.of(), error, Map.of()));
  }

  synchronized List<Cursor> cursorsSeen() {
    return List.copyOf(cursorsSeen);
  }

  @Override
  public synchronized EventBatch events(Cursor from) {
    cursorsSeen.add(from);
    int start = (int) from.next("node-a");
    int end = Math.min(log.size(), start + 1);
    return new EventBatch(
        true,
        log.subList(start, end),
        new Cursor(Map.of("node-a", (long) end)),
        new Coverage(1, Map.of()));
  }

  @Override
  public Histogram histogram(String metric, Map<String, String> labels) {
    throw new UnsupportedOperationException("not used by WaitForNetworkReady");
  }
}
