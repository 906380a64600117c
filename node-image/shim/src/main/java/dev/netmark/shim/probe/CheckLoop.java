package dev.netmark.shim.probe;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Retries one check at the policy interval until it succeeds, the class is settled, the deadline
 * passes or the pod is cancelled. Runs on a platform thread inside the pod's network namespace.
 */
final class CheckLoop {
  /** A reply slower than this is a lost attempt, even with a shorter interval. */
  static final int MIN_ATTEMPT_TIMEOUT_MS = 10;

  private final PodProbe pod;
  private final String cls;
  private final Check check;
  private final long intervalNanos;
  private final long deadlineNanos;
  private final long timeoutMs;

  CheckLoop(PodProbe pod, String cls, Check check, long intervalMs, long timeoutMs) {
    this.pod = pod;
    this.cls = cls;
    this.check = check;
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
    this.timeoutMs = timeoutMs;
    this.deadlineNanos = pod.request().addEndNanos() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
  }

  void run() {
    int successes = 0;
    int attempts = 0;
    String last = "no attempt was made";
    while (!pod.settled(cls) && !Thread.currentThread().isInterrupted()) {
      long start = System.nanoTime();
      long left = deadlineNanos - start;
      if (left <= 0) {
        pod.checkFailed(
            cls,
            check.describe()
                + " did not succeed within "
                + timeoutMs
                + " ms ("
                + attempts
                + " attempts); last failure: "
                + last);
        return;
      }
      int attemptTimeout =
          (int) Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, attemptTimeoutMs()));
      attempts++;
      try {
        if (check.attempt(attemptTimeout)) {
          if (++successes >= check.successesNeeded()) {
            pod.checkSucceeded(cls, System.nanoTime());
            return;
          }
          continue; // more successes needed: no reason to wait for the next tick
        }
        last = "no answer within " + attemptTimeout + " ms";
      } catch (IOException e) {
        last = e.toString();
      }
      long sleep = start + intervalNanos - System.nanoTime();
      if (sleep > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(sleep);
        } catch (InterruptedException e) {
          // Cancelled: the pod is being stopped. End quietly and keep the flag for the thread.
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private long attemptTimeoutMs() {
    return Math.max(TimeUnit.NANOSECONDS.toMillis(intervalNanos), MIN_ATTEMPT_TIMEOUT_MS);
  }

  String name() {
    return cls + ": " + check.describe();
  }
}
