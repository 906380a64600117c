package dev.netmark.shim.traffic;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;

/**
 * The waits of an iperf3 client whose server is serving another client. A control pod runs one
 * iperf3 server, which serves one client at a time and turns others away at once ("the server is
 * busy"), so clients of one server take turns instead of failing. Waits double from {@link #FIRST}
 * to {@link #MAX}, each drawn from the upper half of its step so that two clients that met once do
 * not meet again in step; together they stay within a budget (the command's time limit), after
 * which the busy answer is the run's result.
 */
final class BusyRetry {
  static final Duration FIRST = Duration.ofMillis(250);
  static final Duration MAX = Duration.ofSeconds(2);

  private final long deadlineNanos;
  private int retries;

  /** Waits may add up to {@code budget} from {@code startNanos} ({@link System#nanoTime}). */
  BusyRetry(Duration budget, long startNanos) {
    this.deadlineNanos = startNanos + budget.toNanos();
  }

  /**
   * The wait before the next attempt, in ms, counted as a retry; empty when it would end past the
   * budget.
   */
  OptionalLong next(long nowNanos, RandomGenerator random) {
    long step = Math.min(MAX.toMillis(), FIRST.toMillis() << Math.min(retries, 16));
    long wait = step / 2 + random.nextLong(step / 2 + 1);
    if (nowNanos + wait * 1_000_000L - deadlineNanos > 0) {
      return OptionalLong.empty();
    }
    retries++;
    return OptionalLong.of(wait);
  }

  /** The retries given so far. */
  int retries() {
    return retries;
  }
}
