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
   * @param from where the previous call stopped, {@link Cursor#START} the first time
   * @return the events, the cursor to pass next time, and which nodes answered; {@link
   *     EventBatch#available()} is false for sources that have no per-pod events
   */
  EventBatch events(Cursor from) throws InterruptedException;

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

  /** A batch of events from every node. */
  record EventBatch(boolean available, List<PodEvent> events, Cursor next, Coverage coverage) {
    public EventBatch {
      events = List.copyOf(events);
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
