package dev.netmark.engine.tuningset;

/**
 * A token bucket like Go's {@code rate.Limiter}: {@code burst} tokens, refilled at {@code qps} per
 * second, starting full. {@link #reserve} hands out start times, so a caller that sleeps until its
 * time keeps the rate, and callers sharing the bucket share the rate.
 *
 * <p>A pacing loop that wakes late does not lose the tokens that arrived while it overslept
 * (docs/config-language.md, "Tuning sets"): what does not fit under {@code burst} is owed to it and
 * repaid by refilling at twice the rate until the debt is gone. The bucket never holds more than
 * {@code burst}, so no more than {@code burst} actions start at one instant. Only an idle bucket
 * (one no pacing loop was waiting on) drops its overflow, as Go's does.
 */
public final class TokenBucket {
  private static final double NANOS = 1e9;

  private final double qps;
  private final int burst;
  private final Ticker ticker;
  private double tokens;
  private double owed;
  private long last;
  private long lastStart;

  public TokenBucket(double qps, int burst, Ticker ticker) {
    if (qps <= 0 || burst < 1) {
      throw new IllegalArgumentException("qps must be > 0 and burst >= 1");
    }
    this.qps = qps;
    this.burst = burst;
    this.ticker = ticker;
    this.tokens = burst;
    this.last = ticker.nanoTime();
    this.lastStart = last;
  }

  /**
   * Takes one token for a caller that was idle (the first action of a pacing loop) and returns the
   * {@link Ticker#nanoTime()} at which it may start. Tokens that overflowed the burst while idle
   * are lost.
   */
  public synchronized long reserve() {
    return take(false);
  }

  /**
   * Takes one token for a pacing loop that asks right after starting its previous action: the time
   * it overslept that start is not idle time, so tokens that overflow the burst meanwhile are owed
   * to it and repaid at twice the rate.
   */
  public synchronized long reserveNext() {
    return take(true);
  }

  private long take(boolean waiting) {
    long now = ticker.nanoTime();
    if (now > last) {
      double elapsed = (now - last) * qps / NANOS;
      double repaid = Math.min(owed, elapsed);
      owed -= repaid;
      tokens += elapsed + repaid;
      last = now;
    }
    // A loop that woke after its start time used a token at this instant already.
    int room = waiting && lastStart < now ? burst - 1 : burst;
    if (tokens > room) {
      owed = waiting ? owed + tokens - room : 0;
      tokens = room;
    }
    tokens -= 1;
    lastStart = tokens >= 0 ? now : last + nanosToEarn(-tokens);
    return lastStart;
  }

  // Refill runs at twice the rate while a debt lasts: owed tokens last owed/qps seconds.
  private long nanosToEarn(double need) {
    double nanos =
        need <= 2 * owed
            ? need * NANOS / (2 * qps)
            : owed * NANOS / qps + (need - 2 * owed) * NANOS / qps;
    return (long) Math.ceil(nanos);
  }
}
