package dev.netmark.shim.cni;

/**
 * The span of an ADD's plugin chain, known the moment its last plugin has exited, before the shim
 * reads that plugin's result: what starts there (the probes) waits for none of the shim's own work.
 *
 * @param startNanos {@link System#nanoTime} before the first plugin
 * @param endNanos {@link System#nanoTime} when the last plugin had exited
 */
public record ChainSpan(long startNanos, long endNanos) {}
