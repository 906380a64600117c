package dev.netmark.shim.probe;

import dev.netmark.shim.records.PodRef;
import java.util.concurrent.CompletableFuture;

/**
 * Probing of one pod, started by {@link Prober#start}.
 *
 * @param pod the pod
 * @param outcome completes once every class succeeded or gave up, or when probing is cancelled;
 *     never completes exceptionally
 */
public record ProbeRun(PodRef pod, CompletableFuture<ProbeOutcome> outcome) {}
