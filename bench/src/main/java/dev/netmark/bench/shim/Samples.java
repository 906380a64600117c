package dev.netmark.bench.shim;

import dev.netmark.bench.BenchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Durations in milliseconds, kept in the order measured; summaries for the JSON report. */
final class Samples {
  private final List<Double> ms = new ArrayList<>();

  synchronized void add(double millis) {
    ms.add(millis);
  }

  synchronized void addAll(Samples other) {
    ms.addAll(other.values());
  }

  synchronized List<Double> values() {
    return List.copyOf(ms);
  }

  synchronized int size() {
    return ms.size();
  }

  double median() {
    return BenchResult.median(sorted());
  }

  /** The p-th percentile (0..100), nearest rank. */
  double percentile(double p) {
    double[] s = sorted();
    int rank = (int) Math.ceil(p / 100 * s.length);
    return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
  }

  private double[] sorted() {
    double[] s = values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (s.length == 0) {
      throw new IllegalStateException("no samples");
    }
    return s;
  }

  Map<String, Object> summary() {
    return Map.of(
        "medianMs", round(median()),
        "p10Ms", round(percentile(10)),
        "p90Ms", round(percentile(90)),
        "n", size());
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "median %.2f ms (p10 %.2f, p90 %.2f, n=%d)",
        median(),
        percentile(10),
        percentile(90),
        size());
  }
}
