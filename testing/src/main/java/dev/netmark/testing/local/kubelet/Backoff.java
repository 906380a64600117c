package dev.netmark.testing.local.kubelet;

import java.time.Duration;

/**
 * kubelet's back-off between failed sandbox creations of one pod: {@code initial} doubling up to
 * {@code max} (kubelet's own is 10 s to 5 min; local mode defaults to 200 ms to 5 s so a test with
 * failing plugins finishes quickly).
 *
 * @param initial the delay after the first failure
 * @param max the longest delay
 */
public record Backoff(Duration initial, Duration max) {
  /** 200 ms doubling to 5 s. */
  public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));

  public Backoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "back-off needs 0 < initial <= max, found initial " + initial + " and max " + max);
    }
  }

  /** The delay after {@code failures} consecutive failures (1 for the first). */
  public Duration delay(int failures) {
    Duration d = initial;
    for (int i = 1; i < failures && d.compareTo(max) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(max) > 0 ? max : d;
  }
}
