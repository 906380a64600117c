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
   * @param pMeasured with machine references, the same p-value of the change as measured (the
   *     samples not divided, from the same replicates); else NaN
   */
  record Interval(
      double base, double cand, double lowRel, double highRel, double pValue, double pMeasured) {}

  /**
   * @param percentiles e.g. {90, 99}
   * @param confidence e.g. 0.95
   */
  static Interval[] percentiles(
      List<double[]> base, List<double[]> cand, double[] percentiles, double confidence) {
    return percentiles(base, cand, null, null, percentiles, confidence);
  }

  /**
   * The same, relative to the machine (docs/design.md, "Machine reference"): every run's samples
   * divided by the median of its machine reference, as measured.
   *
   * @param baseRefs per baseline run, its reference's samples; null to judge as measured
   * @param candRefs per candidate run, likewise
   */
  static Interval[] percentiles(
      List<double[]> base,
      List<double[]> cand,
      List<double[]> baseRefs,
      List<double[]> candRefs,
      double[] percentiles,
      double confidence) {
    SplittableRandom rnd = new SplittableRandom(SEED);
    int k = percentiles.length;
    double[] b0 = new double[k];
    double[] c0 = new double[k];
    double[] pooledBase = pooled(scaled(base, baseRefs));
    double[] pooledCand = pooled(scaled(cand, candRefs));
    for (int j = 0; j < k; j++) {
      b0[j] = rank(pooledBase, percentiles[j]);
      c0[j] = rank(pooledCand, percentiles[j]);
    }
    double[][] rel = new double[k][REPLICATES];
    int[] notWorse = new int[k];
    int[] notBetter = new int[k];
    int[] rawNotWorse = new int[k];
    int[] rawNotBetter = new int[k];
    boolean relative = baseRefs != null;
    double[] rawB = relative ? new double[pooledBase.length] : null;
    double[] rawC = relative ? new double[pooledCand.length] : null;
    for (int r = 0; r < REPLICATES; r++) {
      double[] b = resample(base, baseRefs, rnd, rawB);
      double[] c = resample(cand, candRefs, rnd, rawC);
      for (int j = 0; relative && j < k; j++) {
        double d = rank(rawC, percentiles[j]) - rank(rawB, percentiles[j]);
        rawNotWorse[j] += d <= 0 ? 1 : 0;
        rawNotBetter[j] += d >= 0 ? 1 : 0;
      }
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
      out[j] =
          new Interval(
              b0[j],
              c0[j],
              at(rel[j], tail),
              at(rel[j], 1 - tail),
              twoSided(notWorse[j], notBetter[j]),
              relative ? twoSided(rawNotWorse[j], rawNotBetter[j]) : Double.NaN);
    }
    return out;
  }

  private static double twoSided(int notWorse, int notBetter) {
    return Math.min(1, 2.0 * (Math.min(notWorse, notBetter) + 1) / (REPLICATES + 1));
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

  /** Each run's samples divided by the median of its reference; the runs as they are without. */
  static List<double[]> scaled(List<double[]> runs, List<double[]> refs) {
    if (refs == null) {
      return runs;
    }
    List<double[]> out = new java.util.ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      double m = MachineSpeeds.median(refs.get(i));
      out.add(Arrays.stream(runs.get(i)).map(v -> v / m).toArray());
    }
    return out;
  }

  /**
   * One replicate, sorted: runs drawn, then samples within each, each divided by the median of its
   * run's reference; {@code raw}, when given, receives the same samples undivided, sorted.
   */
  private static double[] resample(
      List<double[]> runs, List<double[]> refs, SplittableRandom rnd, double[] raw) {
    int[] drawn = new int[runs.size()];
    int n = 0;
    for (int i = 0; i < drawn.length; i++) {
      drawn[i] = rnd.nextInt(runs.size());
      n += runs.get(drawn[i]).length;
    }
    double[] out = new double[n];
    int at = 0;
    for (int d : drawn) {
      double[] run = runs.get(d);
      // Each run is divided by its own reference's median, held as measured: resampling a median
      // of 7-15 values that spread 5-10x with the run's own load made every relative interval
      // +-150% wide, and compare missed a +275% cni_add regression (CompareE2eIT) and every 500 ms
      // delay of compare-power.
      double scale = refs == null ? 1 : MachineSpeeds.median(refs.get(d));
      for (int i = 0; i < run.length; i++) {
        double v = run[rnd.nextInt(run.length)];
        if (raw != null) {
          raw[at] = v;
        }
        out[at++] = v / scale;
      }
    }
    if (raw != null) {
      Arrays.sort(raw);
    }
    Arrays.sort(out);
    return out;
  }
}
