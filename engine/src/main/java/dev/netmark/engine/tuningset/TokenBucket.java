package dev.netmark.engine.tuningset;

/**
 * A token bucket like Go's {@code rate.Limiter}: {@code burst} tokens, refilled at {@code qps} per
 * second, starting full. {@link #reserve} hands out start times, so a caller that sleeps until its
 * time keeps the rate, and callers sharing the bucket share the rate.
 */
public final class TokenBucket {
  private final double qps;
  private final int burst;
  private final Ticker ticker;
  private double tokens;
  private long last;

  public TokenBucket(double qps, int burst, Ticker ticker) {
    if (qps <= 0 || burst < 1) {
      throw new IllegalArgumentException("qps must be > 0 and burst >= 1");
    }
    this.qps = qps;
    this.burst = burst;
    this.ticker = ticker;
    this.tokens = burst;
    this.last = ticker.nanoTime();
  }

  /** Takes one token and returns the {@link Ticker#nanoTime()} at which the caller may start. */
  public synchronized long reserve() {
    long now = ticker.nanoTime();
    if (now > last) {
      tokens = Math.min(burst, tokens + (now - last) * qps / 1e9);
      last = now;
    }
    tokens -= 1;
    if (tokens >= 0) {
      return now;
    }
    return last + (long) Math.ceil(-tokens * 1e9 / qps);
  }
}
