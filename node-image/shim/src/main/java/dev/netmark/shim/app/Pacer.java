package dev.netmark.shim.app;

/**
 * The pace of one edge's calls (docs/design.md, "Application models"): request i is due at start +
 * i/R. When a turn comes late, one request goes out at once for the latest slot that has passed and
 * the slots skipped over are not sent: never a burst to catch up, never more than one per slot.
 * Times are {@link System#nanoTime()}; loop thread only.
 */
final class Pacer {
  private final long startNanos;
  private final double rate;
  private final long endNanos;
  private long next;
  private long skipped;

  /**
   * @param durationNanos how long calls go on from start; 0: until stopped
   */
  Pacer(long startNanos, double rate, long durationNanos) {
    this.startNanos = startNanos;
    this.rate = rate;
    this.endNanos = durationNanos == 0 ? Long.MAX_VALUE : startNanos + durationNanos;
  }

  long due(long slot) {
    return startNanos + (long) Math.ceil(slot * 1e9 / rate);
  }

  /** When the next request is due. */
  long nextDue() {
    return due(next);
  }

  /** Whether every slot before the end has been taken. */
  boolean over() {
    return endNanos != Long.MAX_VALUE && nextDue() - endNanos >= 0;
  }

  /** The slot to send at {@code now}, or -1 when none is due (or calls are over). */
  long take(long now) {
    if (over() || now - nextDue() < 0) {
      return -1;
    }
    long latest = Math.max(next, (long) ((now - startNanos) * rate / 1e9));
    while (now - due(latest + 1) >= 0) {
      latest++;
    }
    while (latest > next && now - due(latest) < 0) {
      latest--;
    }
    while (latest > next && due(latest) - endNanos >= 0) {
      latest--; // the end fell within the gap: send the last slot before it
    }
    skipped += latest - next;
    next = latest + 1;
    return latest;
  }

  /** Slots passed over because a turn came late. */
  long skipped() {
    return skipped;
  }
}
