package dev.netmark.testing.local.kubelet;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * kubelet's back-off between failed sandbox creations of one pod: {@code initial} doubling up to
 * {@code max} (kubelet's own is 10 s to 5 min; local mode defaults to 200 ms to 5 s so a test with
 * failing plugins finishes quickly), plus up to {@link #JITTER} of it at random, as kubelet's
 * jittered back-off does, so pods that failed together do not all retry in the same instant.
 *
 * @param initial the delay after the first failure
 * @param max the longest delay before jitter
 */
public record Backoff(Duration initial, Duration max) {
  /** 200 ms doubling to 5 s. */
  public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));

  /** The most jitter added, as a fraction of the delay. */
  public static final double JITTER = 0.2;

  public Backoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "back-off needs 0 < initial <= max, found initial " + initial + " and max " + max);
    }
  }

  /** The delay after {@code failures} consecutive failures (1 for the first), without jitter. */
  public Duration delay(int failures) {
    Duration d = initial;
    for (int i = 1; i < failures && d.compareTo(max) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(max) > 0 ? max : d;
  }

  /** {@link #delay} plus a random share of it in {@code [0, JITTER)}. */
  public Duration jittered(int failures, RandomGenerator random) {
    Duration d = delay(failures);
    return d.plusNanos((long) (d.toNanos() * JITTER * random.nextDouble()));
  }
}
