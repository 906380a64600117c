package dev.netmark.shim.metrics;

import java.time.Duration;

/**
 * When a probe class was answered, each measured from the end of the successful ADD.
 *
 * @param sent the send time of the attempts that were answered: the class's number ({@code
 *     probe_<target>})
 * @param arrival when the answer reached the pod's namespace (kernel receive timestamp)
 * @param read when the shim read the answer; {@code read - arrival} is the prober's own delay
 */
public record ProbeTimes(Duration sent, Duration arrival, Duration read) {
  /** All three the same (tests, and answers without timestamps). */
  public static ProbeTimes at(Duration d) {
    return new ProbeTimes(d, d, d);
  }
}
