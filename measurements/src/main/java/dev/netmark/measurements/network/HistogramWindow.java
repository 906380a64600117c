package dev.netmark.measurements.network;

import dev.netmark.api.MetricSource.Histogram;
import java.util.Map;

/**
 * What a gather read from histograms: per {@link Series#key()}, the observations between start and
 * gather (the gather snapshot minus the start snapshot).
 */
record HistogramWindow(long startMs, long gatherMs, Map<String, Histogram> deltas) {
  HistogramWindow {
    deltas = Map.copyOf(deltas);
  }

  /** The delta of one series; empty (no buckets) when the series was not found. */
  Histogram get(String key) {
    Histogram h = deltas.get(key);
    return h != null ? h : new Histogram(new double[0], new long[0], 0, null);
  }

  double seconds() {
    return (gatherMs - startMs) / 1000.0;
  }
}
