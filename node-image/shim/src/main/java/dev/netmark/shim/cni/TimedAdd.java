package dev.netmark.shim.cni;

/**
 * An ADD's result with the span of its plugin chain: from just before the first plugin starts to
 * just after the last one returns. That span is what {@code cni_add} measures (docs/design.md,
 * "What is measured"); the shim's own bookkeeping around it (the container's lock, the hand-over to
 * a platform thread, the fsync'd result cache) is not the CNI's time.
 *
 * @param startNanos {@link System#nanoTime} before the first plugin
 * @param endNanos {@link System#nanoTime} after the last plugin returned
 */
public record TimedAdd(CniResult result, long startNanos, long endNanos) {}
