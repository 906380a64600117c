package dev.netmark.engine.compare;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down adjustment: p-values adjusted so that rejecting every one below alpha keeps the
 * chance of any false finding among all of them at most alpha. {@code compare} runs several tests
 * on each of many metrics; tested one by one at 0.05, some would come out "significant" on
 * unchanged runs by chance alone.
 */
final class Holm {
  private Holm() {}

  /** Adjusted p-values in the input order; NaN stays NaN and does not count as a test. */
  static double[] adjust(double[] p) {
    Integer[] order =
        IntStream.range(0, p.length)
            .filter(i -> !Double.isNaN(p[i]))
            .boxed()
            .sorted(Comparator.comparingDouble(i -> p[i]))
            .toArray(Integer[]::new);
    double[] out = new double[p.length];
    Arrays.fill(out, Double.NaN);
    int m = order.length;
    double running = 0;
    for (int r = 0; r < m; r++) {
      running = Math.max(running, Math.min(1, (m - r) * p[order[r]]));
      out[order[r]] = running;
    }
    return out;
  }
}
