package dev.netmark.engine.tuningset;

import dev.netmark.engine.clock.Ticker;

/**
 * A token bucket like Go's {@code rate.Limiter}: {@code burst} tokens, refilled at {@code qps} per
 * second, starting full. {@link #reserve} hands out start times, so a caller that sleeps until its
 * time keeps the rate, and callers sharing the bucket share the rate.
 *
 * <p>A pacing loop that wakes late keeps the tokens that arrived while it overslept
 * (docs/config-language.md, "Tuning sets"): what does not fit under {@code burst} is owed to it, up
 * to one second's worth, and handed out one per {@link #reserveNext} at once, so the loop starts
 * the actions it is behind on one after another, as {@code qpsLoad}'s schedule does. The bucket
 * itself never holds more than {@code burst}: a bucket nobody was waiting on drops its overflow, as
 * Go's does.
 */
public final class TokenBucket {
  private static final double NANOS = 1e9;

  private final double qps;
  private final int burst;
  private final Ticker ticker;
  private double tokens;
  private double owed;
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

  /**
   * Takes one token for a caller that was idle (the first action of a pacing loop) and returns the
   * {@link Ticker#nanoTime()} at which it may start. Tokens that overflowed the burst meanwhile are
   * lost.
   */
  public synchronized long reserve() {
    return take(false);
  }

  /**
   * Takes one token for a pacing loop that asks right after starting its previous action: the time
   * it overslept that start was not idle, so the tokens that overflowed the burst meanwhile are
   * owed to it and handed out first, each at once.
   */
  public synchronized long reserveNext() {
    return take(true);
  }

  private long take(boolean waiting) {
    long now = ticker.nanoTime();
    if (now > last) {
      tokens += (now - last) * qps / NANOS;
      last = now;
    }
    if (tokens > burst) {
      owed = waiting ? Math.min(qps, owed + tokens - burst) : 0;
      tokens = burst;
    }
    if (waiting && owed >= 1 && tokens < 1) {
      owed -= 1;
      return now;
    }
    tokens -= 1;
    if (tokens >= 0) {
      return now;
    }
    return last + (long) Math.ceil(-tokens * NANOS / qps);
  }
}
