package dev.netmark.engine.compare;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Two-level bootstrap of the difference of a percentile between two sides (docs/design.md,
 * "Comparing runs"): each replicate draws runs with replacement from each side, then samples with
 * replacement within each drawn run, pools them and takes the nearest-rank percentile. With one run
 * per side it is the ordinary bootstrap; with several, the replicates also vary as much as the runs
 * do, so the interval holds the run-to-run spread.
 */
final class Bootstrap {
  /** Replicates: enough for p-values down to about 1/4000, below any Holm-corrected level used. */
  static final int REPLICATES = 4000;

  private static final long SEED = 0x6e65746d61726bL;

  private Bootstrap() {}

  /**
   * The outcome for one percentile.
   *
   * @param base the pooled baseline percentile
   * @param cand the pooled candidate percentile
   * @param lowRel lower bound of the (1 - alpha) interval of (cand - base) / |base|
   * @param highRel upper bound of that interval
   * @param pValue two-sided: twice the smaller share of replicates on either side of no change
   */
  record Interval(double base, double cand, double lowRel, double highRel, double pValue) {}

  /**
   * @param percentiles e.g. {90, 99}
   * @param confidence e.g. 0.95
   */
  static Interval[] percentiles(
      List<double[]> base, List<double[]> cand, double[] percentiles, double confidence) {
    SplittableRandom rnd = new SplittableRandom(SEED);
    int k = percentiles.length;
    double[] b0 = new double[k];
    double[] c0 = new double[k];
    double[] pooledBase = pooled(base);
    double[] pooledCand = pooled(cand);
    for (int j = 0; j < k; j++) {
      b0[j] = rank(pooledBase, percentiles[j]);
      c0[j] = rank(pooledCand, percentiles[j]);
    }
    double[][] rel = new double[k][REPLICATES];
    int[] notWorse = new int[k];
    int[] notBetter = new int[k];
    for (int r = 0; r < REPLICATES; r++) {
      double[] b = resample(base, rnd);
      double[] c = resample(cand, rnd);
      for (int j = 0; j < k; j++) {
        double bq = rank(b, percentiles[j]);
        double cq = rank(c, percentiles[j]);
        double d = cq - bq;
        rel[j][r] = b0[j] == 0 ? d : d / Math.abs(b0[j]);
        if (d <= 0) {
          notWorse[j]++;
        }
        if (d >= 0) {
          notBetter[j]++;
        }
      }
    }
    Interval[] out = new Interval[k];
    double tail = (1 - confidence) / 2;
    for (int j = 0; j < k; j++) {
      Arrays.sort(rel[j]);
      double p = Math.min(1, 2.0 * (Math.min(notWorse[j], notBetter[j]) + 1) / (REPLICATES + 1));
      out[j] = new Interval(b0[j], c0[j], at(rel[j], tail), at(rel[j], 1 - tail), p);
    }
    return out;
  }

  /** All runs' samples in one sorted array. */
  static double[] pooled(List<double[]> runs) {
    double[] out = runs.stream().flatMapToDouble(Arrays::stream).toArray();
    Arrays.sort(out);
    return out;
  }

  /** The nearest-rank percentile of sorted values (as {@code Percentiles}). */
  static double rank(double[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length - 1e-9);
    return sorted[Math.max(rank, 1) - 1];
  }

  private static double at(double[] sorted, double q) {
    int i = (int) Math.floor(q * (sorted.length - 1));
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static double[] resample(List<double[]> runs, SplittableRandom rnd) {
    double[][] drawn = new double[runs.size()][];
    int n = 0;
    for (int i = 0; i < drawn.length; i++) {
      drawn[i] = runs.get(rnd.nextInt(runs.size()));
      n += drawn[i].length;
    }
    double[] out = new double[n];
    int at = 0;
    for (double[] run : drawn) {
      for (int i = 0; i < run.length; i++) {
        out[at++] = run[rnd.nextInt(run.length)];
      }
    }
    Arrays.sort(out);
    return out;
  }
}
