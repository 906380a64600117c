package dev.netmark.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts per time bucket of a {@link Summary} (network-ready pods per second, in total and per
 * node): {@code report.html} draws the rate and the per-node spread, {@code netmark compare} tests
 * the throughput's per-second counts. Written as the summary's time-series file ({@link
 * ReportFiles#data}).
 *
 * @param originMs epoch ms where the first bucket starts
 * @param intervalMs width of a bucket, above 0
 * @param total counts per bucket
 * @param perNode counts per bucket by node, in the order given; empty when there are none
 */
public record TimeSeries(
    long originMs, long intervalMs, long[] total, Map<String, long[]> perNode) {
  public TimeSeries {
    if (intervalMs <= 0) {
      throw new IllegalArgumentException("intervalMs must be above 0, was " + intervalMs);
    }
    total = total.clone();
    perNode = Collections.unmodifiableMap(new LinkedHashMap<>(perNode));
  }

  /** Sum of some counts. */
  public static long sum(long[] counts) {
    long s = 0;
    for (long c : counts) {
      s += c;
    }
    return s;
  }
}
