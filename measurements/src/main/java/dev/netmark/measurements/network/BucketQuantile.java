package dev.netmark.measurements.network;

import dev.netmark.api.MetricSource.Histogram;
import java.util.HashMap;
import java.util.Map;

/**
 * Quantiles of cumulative histograms the way Prometheus' {@code histogram_quantile} computes them
 * (promql/quantile.go {@code bucketQuantile}), so a result here agrees with a PromQL query over the
 * same buckets: linear interpolation inside the bucket that holds the rank, the lower bound of the
 * first bucket taken as 0, and the highest finite bound when the rank falls in {@code +Inf}.
 */
final class BucketQuantile {
  private BucketQuantile() {}

  /**
   * @param q in [0, 1]
   * @return the quantile in the histogram's unit, or NaN when the histogram has no observations,
   *     fewer than two buckets or no {@code +Inf} bucket (as Prometheus returns)
   */
  static double quantile(Histogram h, double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("quantile must be in [0, 1], found " + q);
    }
    double[] bounds = h.upperBounds();
    long[] counts = h.cumulativeCounts();
    int n = bounds.length;
    if (n < 2 || bounds[n - 1] != Double.POSITIVE_INFINITY || counts[n - 1] == 0) {
      return Double.NaN;
    }
    double rank = q * counts[n - 1];
    int b = 0;
    while (b < n - 1 && counts[b] < rank) {
      b++;
    }
    if (b == n - 1) {
      return bounds[n - 2];
    }
    if (b == 0 && bounds[0] <= 0) {
      return bounds[0];
    }
    double start = b == 0 ? 0 : bounds[b - 1];
    double below = b == 0 ? 0 : counts[b - 1];
    return start + (bounds[b] - start) * ((rank - below) / (counts[b] - below));
  }

  /**
   * The observations between two snapshots of one cumulative histogram: {@code later - earlier}
   * bucket by bucket (matched by bound). A node that answered the first snapshot but not the second
   * can make a bucket shrink; such buckets are clamped so the result stays a valid cumulative
   * histogram, and {@link #shrank} reports it.
   */
  static Histogram delta(Histogram later, Histogram earlier) {
    Map<Double, Long> before = byBound(earlier);
    double[] bounds = later.upperBounds().clone();
    long[] counts = new long[bounds.length];
    long floor = 0;
    for (int i = 0; i < bounds.length; i++) {
      long d = later.cumulativeCounts()[i] - before.getOrDefault(bounds[i], 0L);
      floor = Math.max(floor, d);
      counts[i] = floor;
    }
    return new Histogram(bounds, counts, later.sum() - earlier.sum(), later.coverage());
  }

  /** True when some bucket of {@code later} counts fewer observations than in {@code earlier}. */
  static boolean shrank(Histogram later, Histogram earlier) {
    Map<Double, Long> after = byBound(later);
    for (int i = 0; i < earlier.upperBounds().length; i++) {
      if (after.getOrDefault(earlier.upperBounds()[i], 0L) < earlier.cumulativeCounts()[i]) {
        return true;
      }
    }
    return false;
  }

  private static Map<Double, Long> byBound(Histogram h) {
    Map<Double, Long> out = new HashMap<>();
    for (int i = 0; i < h.upperBounds().length; i++) {
      out.put(h.upperBounds()[i], h.cumulativeCounts()[i]);
    }
    return out;
  }
}
