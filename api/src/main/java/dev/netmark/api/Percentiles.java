package dev.netmark.api;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Percentiles by the nearest-rank definition, as clusterloader2's latency slices compute them: the
 * p-th percentile of n sorted values is the value at 1-based rank {@code ceil(p/100 * n)}, so it is
 * always one of the observed values (no interpolation).
 */
public final class Percentiles {
  /** The statistics of a perfdash latency data item, in output order. */
  public static final Map<String, Double> PERFDASH = perfdashKeys();

  private final double[] sorted;

  private Percentiles(double[] sorted) {
    this.sorted = sorted;
  }

  /** Sorts a copy of the values. */
  public static Percentiles of(double... values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    return new Percentiles(copy);
  }

  public static Percentiles of(Collection<? extends Number> values) {
    return of(values.stream().mapToDouble(Number::doubleValue).toArray());
  }

  public int count() {
    return sorted.length;
  }

  /**
   * The nearest-rank percentile.
   *
   * @param p in (0, 100]
   * @throws IllegalArgumentException for p out of range
   * @throws IllegalStateException when there are no values
   */
  public double get(double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], found " + p);
    }
    if (sorted.length == 0) {
      throw new IllegalStateException("no values to take the percentile " + p + " of");
    }
    // The epsilon keeps p * n that is an integer in exact arithmetic (e.g. 0.9 * 10) from rounding
    // up one rank because of binary floating point.
    int rank = (int) Math.ceil(p / 100.0 * sorted.length - 1e-9);
    return sorted[Math.max(rank, 1) - 1];
  }

  public double max() {
    return get(100);
  }

  /** {@code Perc50}, {@code Perc90}, {@code Perc99} of the values, in that order. */
  public Map<String, Double> perfdash() {
    Map<String, Double> out = new LinkedHashMap<>();
    PERFDASH.forEach((key, p) -> out.put(key, get(p)));
    return out;
  }

  private static Map<String, Double> perfdashKeys() {
    Map<String, Double> keys = new LinkedHashMap<>();
    keys.put("Perc50", 50.0);
    keys.put("Perc90", 90.0);
    keys.put("Perc99", 99.0);
    return java.util.Collections.unmodifiableMap(keys);
  }
}
