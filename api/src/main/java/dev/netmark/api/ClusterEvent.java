package dev.netmark.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a provider's cluster during a run that the report should show, such as
 * a node's shim that died and was restarted. The engine lists them in the {@code Cluster} summary
 * ({@code summary.txt}, perfdash) and marks them on {@code report.html}'s time series.
 *
 * @param at when it happened (for a restart: when the process exited)
 * @param node the node it happened on
 * @param kind what happened, a short fixed word such as {@link #SHIM_RESTART}
 * @param detail a short human text, e.g. {@code exit signal 9}
 */
public record ClusterEvent(Instant at, String node, String kind, String detail) {
  /** A node's shim exited and was started again with the same state. */
  public static final String SHIM_RESTART = "shim-restart";

  public ClusterEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }
}
