package dev.netmark.api;

import dev.netmark.contract.PodEvent;
import java.util.List;
import java.util.Map;

/**
 * Where measurements read what the shims recorded: exact per-pod events where available, histograms
 * otherwise. Implementations: {@code direct} (shim endpoints by node address), {@code proxy}
 * (through the API server's node proxy), {@code prometheus} (PromQL).
 *
 * <p>Thread-safe; calls may block for up to the source's per-node timeout.
 */
public interface MetricSource {

  /**
   * Events recorded since {@code from}.
   *
   * @param from where the previous call stopped: {@link #tail()}'s cursor to read what happens from
   *     now on, {@link Cursor#START} to read every node's whole history
   * @return the events, the cursor to pass next time, whether more already waits, and which nodes
   *     answered; {@link EventBatch#available()} is false for sources that have no per-pod events
   */
  EventBatch events(Cursor from) throws InterruptedException;

  /**
   * Where every node's record log ends now: a batch without events whose {@link EventBatch#next()}
   * makes {@link #events} return only what is recorded from now on. Call it in a measurement's
   * {@code start} instead of reading from {@link Cursor#START}: the built-in sources ask each shim
   * for its end in one request, whatever its history (an old shim without that request is read to
   * its end). A node that did not answer is left out of the cursor, so a later read starts it at
   * its beginning.
   *
   * <p>The default reads {@link #events} from {@link Cursor#START} until it has caught up, which
   * costs the whole history; sources that can ask for the end override it.
   *
   * @return the end, and which nodes answered; {@link EventBatch#available()} is false for sources
   *     that have no per-pod events
   */
  default EventBatch tail() throws InterruptedException {
    EventBatch batch = events(Cursor.START);
    while (batch.available() && !batch.caughtUp()) {
      batch = events(batch.next());
    }
    return new EventBatch(batch.available(), List.of(), batch.next(), batch.coverage(), true);
  }

  /**
   * The cumulative histogram of one metric summed over the nodes, restricted to series whose labels
   * include {@code labels}. Subtract two snapshots to get a window.
   */
  Histogram histogram(String metric, Map<String, String> labels) throws InterruptedException;

  /** Per-node read positions in the shims' record logs. */
  record Cursor(Map<String, Long> nextSeqByNode) {
    public static final Cursor START = new Cursor(Map.of());

    public Cursor {
      nextSeqByNode = Map.copyOf(nextSeqByNode);
    }

    public long next(String node) {
      return nextSeqByNode.getOrDefault(node, 0L);
    }
  }

  /** Which nodes a read covered; a node that did not answer is named with the reason. */
  record Coverage(int nodesAsked, Map<String, String> failedNodes) {
    public Coverage {
      failedNodes = Map.copyOf(failedNodes);
    }

    public int nodesAnswered() {
      return nodesAsked - failedNodes.size();
    }
  }

  /**
   * A batch of events from every node.
   *
   * @param caughtUp true when every node that answered said nothing waits after {@code next}, so
   *     reading again at once would return nothing: a reader can stop without asking
   */
  record EventBatch(
      boolean available, List<PodEvent> events, Cursor next, Coverage coverage, boolean caughtUp) {
    public EventBatch {
      events = List.copyOf(events);
    }

    /**
     * A batch from a source that cannot tell whether more waits: only an empty one is caught up.
     */
    public EventBatch(boolean available, List<PodEvent> events, Cursor next, Coverage coverage) {
      this(available, events, next, coverage, events.isEmpty());
    }
  }

  /**
   * A cumulative histogram.
   *
   * @param upperBounds bucket upper bounds in seconds, ascending, the last one {@code +Inf}
   * @param cumulativeCounts observations at or below each bound
   * @param sum sum of observations in seconds
   */
  record Histogram(double[] upperBounds, long[] cumulativeCounts, double sum, Coverage coverage) {
    public long count() {
      return cumulativeCounts.length == 0 ? 0 : cumulativeCounts[cumulativeCounts.length - 1];
    }
  }
}
