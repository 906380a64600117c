package dev.netmark.shim.cri;

import java.time.Instant;

/** Wall-clock time in epoch nanoseconds, the unit of CRI timestamps. */
final class EpochNanos {
  private EpochNanos() {}

  static long now() {
    Instant t = Instant.now();
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  static long ofMillis(long epochMs) {
    return epochMs * 1_000_000L;
  }
}
