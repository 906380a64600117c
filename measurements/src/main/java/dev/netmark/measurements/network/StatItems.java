package dev.netmark.measurements.network;

import dev.netmark.api.LatencyItems;
import dev.netmark.api.MetricSource.Histogram;
import dev.netmark.api.Percentiles;
import dev.netmark.api.Summary.DataItem;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Perfdash data items of a distribution: {@code Perc50}, {@code Perc90}, {@code Perc99}, {@code
 * Max} and {@code Count} (the number of samples). Exact ones use the engine's nearest-rank {@link
 * Percentiles}; histogram ones use {@link BucketQuantile}.
 */
final class StatItems {
  static final String COUNT = "Count";
  static final String MAX = "Max";

  /** The statistics a threshold may name. */
  static final List<String> STATISTICS = List.of("Perc50", "Perc90", "Perc99", MAX);

  /** The statistics a threshold on a {@link #count} item may name: the one it carries. */
  static final List<String> COUNT_STATISTICS = List.of(COUNT);

  private StatItems() {}

  /** Latency samples in milliseconds, as the engine's latency items plus Max and Count. */
  static DataItem millis(String metric, Collection<Double> millis, Map<String, String> labels) {
    Map<String, Double> data = new LinkedHashMap<>(LatencyItems.of(metric, millis).data());
    data.put(MAX, Percentiles.of(millis).max());
    data.put(COUNT, (double) millis.size());
    return new DataItem(data, "ms", withMetric(metric, labels));
  }

  /** Any samples in {@code unit}. */
  static DataItem of(
      String metric, Collection<Double> values, String unit, Map<String, String> labels) {
    Percentiles p = Percentiles.of(values);
    Map<String, Double> data = new LinkedHashMap<>(p.perfdash());
    data.put(MAX, p.max());
    data.put(COUNT, (double) values.size());
    return new DataItem(data, unit, withMetric(metric, labels));
  }

  /**
   * The same statistics from a histogram delta, its values multiplied by {@code scale} (e.g. 1000
   * for seconds to ms); empty when the histogram has no observations.
   */
  static Optional<DataItem> histogram(
      String metric, Histogram h, double scale, String unit, Map<String, String> labels) {
    if (h.count() == 0 || Double.isNaN(BucketQuantile.quantile(h, 0.5))) {
      return Optional.empty();
    }
    Map<String, Double> data = new LinkedHashMap<>();
    data.put("Perc50", BucketQuantile.quantile(h, 0.50) * scale);
    data.put("Perc90", BucketQuantile.quantile(h, 0.90) * scale);
    data.put("Perc99", BucketQuantile.quantile(h, 0.99) * scale);
    data.put(MAX, BucketQuantile.quantile(h, 1.0) * scale);
    data.put(COUNT, (double) h.count());
    return Optional.of(new DataItem(data, unit, withMetric(metric, labels)));
  }

  /** One count, e.g. failed ADDs. */
  static DataItem count(String metric, long count, Map<String, String> labels) {
    return new DataItem(Map.of(COUNT, (double) count), "count", withMetric(metric, labels));
  }

  private static Map<String, String> withMetric(String metric, Map<String, String> labels) {
    Map<String, String> out = new LinkedHashMap<>(labels);
    out.put("Metric", metric);
    return out;
  }
}
