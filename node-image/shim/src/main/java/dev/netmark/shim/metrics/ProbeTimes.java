package dev.netmark.shim.metrics;

import java.time.Duration;

/**
 * When a probe class was answered, each measured from the end of the successful ADD.
 *
 * @param sent the send time of the attempts that were answered: the class's number ({@code
 *     probe_<target>})
 * @param arrival when the answer reached the pod's namespace (kernel receive timestamp)
 * @param read when the shim read the answer; {@code read - arrival} is the prober's own delay
 * @param firstSent when the first attempt of the check that dates the class went out
 * @param unanswered attempts of that check before the one that dates the class, not answered
 * @param late how long after its schedule that attempt went out
 */
public record ProbeTimes(
    Duration sent,
    Duration arrival,
    Duration read,
    Duration firstSent,
    int unanswered,
    Duration late) {
  /** Without attempt details: answered on its first attempt, sent when due. */
  public ProbeTimes(Duration sent, Duration arrival, Duration read) {
    this(sent, arrival, read, sent, 0, Duration.ZERO);
  }

  /** All three the same (tests, and answers without timestamps). */
  public static ProbeTimes at(Duration d) {
    return new ProbeTimes(d, d, d);
  }
}
