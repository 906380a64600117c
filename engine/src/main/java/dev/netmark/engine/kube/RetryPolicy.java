package dev.netmark.engine.kube;

import java.time.Duration;

/**
 * Bounded exponential backoff for API calls that failed transiently.
 *
 * @param maxAttempts attempts in all, including the first
 * @param initialDelay the delay before the second attempt
 * @param maxDelay the delay never grows beyond this
 * @param multiplier growth per attempt
 */
public record RetryPolicy(
    int maxAttempts, Duration initialDelay, Duration maxDelay, double multiplier) {

  /** 6 attempts, 200 ms doubling up to 5 s: gives up after about 10 s of trouble. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(5), 2);

  public RetryPolicy {
    if (maxAttempts < 1 || multiplier < 1 || initialDelay.isNegative()) {
      throw new IllegalArgumentException("bad retry policy " + maxAttempts + ", " + multiplier);
    }
  }

  /** The delay after failed attempt {@code attempt} (1-based), before the next one. */
  public Duration delayAfter(int attempt) {
    double nanos = initialDelay.toNanos() * Math.pow(multiplier, attempt - 1);
    return Duration.ofNanos((long) Math.min(nanos, maxDelay.toNanos()));
  }
}
