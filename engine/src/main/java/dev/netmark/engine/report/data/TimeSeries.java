package dev.netmark.engine.report.data;

import java.util.Map;

/**
 * Counts per time bucket, read from a {@code data/*_timeseries_*.json} file (network-ready pods per
 * second, in total and per node).
 *
 * @param summary the summary key of the measurement that wrote it
 * @param originMs epoch ms where the first bucket starts
 * @param intervalMs width of a bucket
 * @param total counts per bucket
 * @param perNode counts per bucket by node; empty when the file has none
 */
public record TimeSeries(
    String summary, long originMs, long intervalMs, long[] total, Map<String, long[]> perNode) {
  public TimeSeries {
    perNode = Map.copyOf(perNode);
  }

  /** Sum of the counts of a node. */
  public static long sum(long[] counts) {
    long s = 0;
    for (long c : counts) {
      s += c;
    }
    return s;
  }
}
