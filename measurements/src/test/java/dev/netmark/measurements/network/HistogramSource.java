package dev.netmark.measurements.network;

import dev.netmark.api.MetricSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A source without per-pod records (like Prometheus): fixed histogram snapshots, switchable. */
final class HistogramSource implements MetricSource {
  private final Map<String, Histogram> current = new HashMap<>();
  private Coverage coverage = new Coverage(2, Map.of());

  /** From now on, {@code metric} with {@code labels} has these cumulative counts. */
  void set(String metric, Map<String, String> labels, double[] bounds, long[] counts, double sum) {
    current.put(metric + labels, new Histogram(bounds, counts, sum, coverage));
  }

  void coverage(Coverage c) {
    coverage = c;
  }

  @Override
  public EventBatch events(Cursor from) {
    return new EventBatch(false, List.of(), from, coverage);
  }

  @Override
  public Histogram histogram(String metric, Map<String, String> labels) {
    Histogram h = current.get(metric + labels);
    return h != null ? h : new Histogram(new double[0], new long[0], 0, coverage);
  }
}
