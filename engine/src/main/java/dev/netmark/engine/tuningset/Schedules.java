package dev.netmark.engine.tuningset;

import java.time.Duration;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Start offsets (nanoseconds after the first start) of the schedule-driven tuning sets, computed
 * apart from any sleeping so they can be checked exactly. Semantics follow clusterloader2's {@code
 * pkg/tuningset}; offsets are absolute so that sleeping errors do not accumulate.
 */
public final class Schedules {
  private static final double NANOS_PER_SECOND = 1e9;

  private Schedules() {}

  /** {@code qpsLoad}: action k starts at k / qps seconds. */
  public static long[] qps(int n, double qps) {
    long[] out = new long[n];
    for (int k = 0; k < n; k++) {
      out[k] = Math.round(k * NANOS_PER_SECOND / qps);
    }
    return out;
  }

  /**
   * {@code randomizedLoad}: gaps uniform in [0, 2 / averageQps) seconds, so their mean is 1/qps.
   */
  public static long[] randomized(int n, double averageQps, RandomGenerator random) {
    long[] out = new long[n];
    double t = 0;
    for (int k = 0; k < n; k++) {
      out[k] = Math.round(t);
      t += 2 * random.nextDouble() * NANOS_PER_SECOND / averageQps;
    }
    return out;
  }

  /** {@code steppedLoad}: bursts of {@code burstSize} actions, {@code stepDelay} apart. */
  public static long[] stepped(int n, int burstSize, Duration stepDelay) {
    long[] out = new long[n];
    for (int k = 0; k < n; k++) {
      out[k] = (k / burstSize) * stepDelay.toNanos();
    }
    return out;
  }

  /** {@code timeLimitedLoad}: spread evenly, action k at k * timeLimit / n. */
  public static long[] timeLimited(int n, Duration timeLimit) {
    long[] out = new long[n];
    long step = n == 0 ? 0 : timeLimit.toNanos() / n;
    for (int k = 0; k < n; k++) {
      out[k] = k * step;
    }
    return out;
  }

  /**
   * {@code randomizedTimeLimitedLoad}: every action at a uniform random time in [0, timeLimit). The
   * times are sorted and given to the actions in order, which keeps creation order by index without
   * changing the distribution of start times.
   */
  public static long[] randomizedTimeLimited(int n, Duration timeLimit, RandomGenerator random) {
    long[] out = new long[n];
    long limit = timeLimit.toNanos();
    for (int k = 0; k < n; k++) {
      out[k] = limit <= 0 ? 0 : random.nextLong(limit);
    }
    Arrays.sort(out);
    return out;
  }

  /** {@code poissonLoad}: exponential gaps with mean 1 / expectedActionsPerSecond. */
  public static long[] poisson(int n, double expectedActionsPerSecond, RandomGenerator random) {
    long[] out = new long[n];
    double t = 0;
    for (int k = 0; k < n; k++) {
      out[k] = Math.round(t);
      t += -Math.log(1 - random.nextDouble()) / expectedActionsPerSecond * NANOS_PER_SECOND;
    }
    return out;
  }
}
