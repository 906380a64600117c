package dev.netmark.measurements.network;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pods that became network-ready per second, the content of the throughput data file.
 *
 * @param originMs epoch ms of the first second (start, or the first ready pod if its node clock is
 *     behind the engine's)
 * @param intervalMs width of a bucket
 * @param total counts per bucket across nodes
 * @param perNode counts per bucket by node
 */
record ReadySeries(long originMs, long intervalMs, long[] total, Map<String, long[]> perNode) {
  static final long INTERVAL_MS = 1000;

  static ReadySeries of(Window window, Map<String, List<Long>> readyMsByNode) {
    long origin = window.startMs();
    long end = window.gatherMs();
    for (List<Long> times : readyMsByNode.values()) {
      for (long t : times) {
        origin = Math.min(origin, t);
        end = Math.max(end, t);
      }
    }
    int buckets = (int) ((end - origin) / INTERVAL_MS) + 1;
    long[] total = new long[buckets];
    Map<String, long[]> perNode = new LinkedHashMap<>();
    for (Map.Entry<String, List<Long>> e : readyMsByNode.entrySet()) {
      long[] counts = new long[buckets];
      for (long t : e.getValue()) {
        int i = (int) ((t - origin) / INTERVAL_MS);
        counts[i]++;
        total[i]++;
      }
      perNode.put(e.getKey(), counts);
    }
    return new ReadySeries(origin, INTERVAL_MS, total, perNode);
  }

  /**
   * Seconds from the first to the last bucket with a ready pod, both included: the ready window of
   * docs/design.md, "Throughput"; at least 1.
   */
  long readySeconds() {
    int first = 0;
    while (first < total.length - 1 && total[first] == 0) {
      first++;
    }
    int last = total.length - 1;
    while (last > first && total[last] == 0) {
      last--;
    }
    return last - first + 1;
  }

  /** Whole seconds from the origin to {@code gatherMs}, rounded up; at least 1. */
  long windowSeconds(long gatherMs) {
    return Math.max(1, (gatherMs - originMs + INTERVAL_MS - 1) / INTERVAL_MS);
  }

  /** The largest per-second count. */
  long peak() {
    long max = 0;
    for (long c : total) {
      max = Math.max(max, c);
    }
    return max;
  }
}
