package dev.netmark.shim.probe;

import java.time.Duration;
import java.util.Map;

/**
 * How probing a pod ended.
 *
 * @param networkReady whether every class succeeded
 * @param networkReadyTime first ADD attempt start to all classes succeeded, or null
 * @param probes time from ADD end to each succeeded class's first success, by class
 * @param failures why each failed class gave up, by class
 * @param cancelled whether probing was cancelled (pod stopped) before it finished
 * @param readyAtNanos {@link System#nanoTime()} at network-ready (the send time of the last
 *     answered attempt), or 0 when not network-ready; where an application's service-ready and
 *     calls start
 */
public record ProbeOutcome(
    boolean networkReady,
    Duration networkReadyTime,
    Map<String, Duration> probes,
    Map<String, String> failures,
    boolean cancelled,
    long readyAtNanos) {
  public ProbeOutcome {
    probes = Map.copyOf(probes);
    failures = Map.copyOf(failures);
  }
}
