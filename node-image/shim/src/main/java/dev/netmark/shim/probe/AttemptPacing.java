package dev.netmark.shim.probe;

import java.util.concurrent.TimeUnit;

/**
 * How far apart a check's attempts go out (docs/design.md, "Readiness probes"). The widest of:
 *
 * <ul>
 *   <li>the policy's interval, the finest a check ever uses;
 *   <li>a {@value #RESOLUTION_DIVISOR}th of the time the check has waited, so an answer is dated
 *       within 0.4% of its number and a check that waits long sends ever fewer attempts;
 *   <li>the check's share of the shim's budget: all checks still waiting on one loop together send
 *       at most {@value #ATTEMPTS_PER_SECOND} attempts a second, so pods whose path is not up yet
 *       cannot flood the node however many there are.
 * </ul>
 *
 * The last two stop at 1 s. A fixed 10 ms interval with a 25th of the time waited dated a path that
 * came up 0.5 s after its ADD about 10 ms late (the accuracy benchmark), while 300 pods waiting
 * together at that interval sent tens of thousands of packets a second. Loop thread only.
 */
final class AttemptPacing {
  static final int RESOLUTION_DIVISOR = 250;
  static final int ATTEMPTS_PER_SECOND = 4_000;
  static final long MAX_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long NANOS_PER_ATTEMPT = TimeUnit.SECONDS.toNanos(1) / ATTEMPTS_PER_SECOND;
  private int waiting;

  /** A check started: it shares the budget until {@link #ended}. */
  void started() {
    waiting++;
  }

  void ended() {
    waiting--;
  }

  /** Checks started and not yet ended. */
  int waiting() {
    return waiting;
  }

  /** The interval after an attempt that was due {@code waited} ns after its check started. */
  long intervalAfter(long baseNanos, long waited) {
    return intervalAfter(baseNanos, waited, waiting);
  }

  static long intervalAfter(long baseNanos, long waited, int waitingChecks) {
    long share = waitingChecks * NANOS_PER_ATTEMPT;
    long stretched = Math.min(Math.max(waited / RESOLUTION_DIVISOR, share), MAX_INTERVAL_NANOS);
    return Math.max(baseNanos, stretched);
  }
}
