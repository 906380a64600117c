package dev.netmark.bench.throughput;

import java.util.Arrays;

/** Completions per second the way NetworkReadyThroughput counts them: (n-1) over first..last. */
final class Completions {
  private Completions() {}

  /**
   * @param endMicros completion times, any order
   */
  static double perSecond(long[] endMicros) {
    if (endMicros.length < 2) {
      throw new IllegalArgumentException("a rate needs two completions, found " + endMicros.length);
    }
    long[] sorted = endMicros.clone();
    Arrays.sort(sorted);
    return (sorted.length - 1) / ((sorted[sorted.length - 1] - sorted[0]) / 1e6);
  }
}
