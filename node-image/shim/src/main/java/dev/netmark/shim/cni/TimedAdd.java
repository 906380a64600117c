package dev.netmark.shim.cni;

/**
 * An ADD's result with the span of its plugin chain: from just before the first plugin starts to
 * when the last one had exited (its exchange saw it reaped with its output closed). That span is
 * what {@code cni_add} measures (docs/design.md, "What is measured"); the shim's own bookkeeping
 * around it (the container's lock, the hand-over to a platform thread, dropping the record of the
 * exited plugin, parsing its result, writing the result cache) is not the CNI's time.
 *
 * @param span the plugin chain's span, as handed on at the last plugin's exit
 */
public record TimedAdd(CniResult result, ChainSpan span) {}
