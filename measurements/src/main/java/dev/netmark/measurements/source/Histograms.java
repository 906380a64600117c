package dev.netmark.measurements.source;

import dev.netmark.api.MetricSource.Coverage;
import dev.netmark.api.MetricSource.Histogram;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds one cumulative {@link Histogram} from the classic-histogram samples of many nodes. */
public final class Histograms {
  private Histograms() {}

  /**
   * Sums the {@code <metric>_bucket}, {@code _sum} series of every sample whose labels include
   * {@code labels}, bucket by bucket.
   *
   * @throws IllegalArgumentException when a bucket has no parseable {@code le} label
   */
  public static Histogram sum(
      String metric, Map<String, String> labels, List<Sample> samples, Coverage coverage) {
    TreeMap<Double, Long> buckets = new TreeMap<>();
    double sum = 0;
    for (Sample s : samples) {
      if (!s.labels().entrySet().containsAll(labels.entrySet())) {
        continue;
      }
      if (s.name().equals(metric + "_bucket")) {
        String le = s.labels().get("le");
        if (le == null) {
          throw new IllegalArgumentException(metric + "_bucket sample without an le label");
        }
        buckets.merge(PrometheusTextParser.parseValue(le), (long) s.value(), Long::sum);
      } else if (s.name().equals(metric + "_sum")) {
        sum += s.value();
      }
    }
    double[] bounds = new double[buckets.size()];
    long[] counts = new long[buckets.size()];
    int i = 0;
    for (Map.Entry<Double, Long> e : buckets.entrySet()) {
      bounds[i] = e.getKey();
      counts[i++] = e.getValue();
    }
    return new Histogram(bounds, counts, sum, coverage);
  }
}
