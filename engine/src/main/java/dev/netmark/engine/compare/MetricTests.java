package dev.netmark.engine.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * The tests of one metric that has samples on both sides (docs/design.md, "Comparing runs"), before
 * Holm's adjustment: with one run on a side, Mann-Whitney U on the pooled samples for the median,
 * Kolmogorov-Smirnov for the whole distribution and a bootstrap for p90 and p99; with several runs
 * on both sides, the two-level bootstrap for the median, p90 and p99. Throughput's per-second
 * counts get the Mann-Whitney test only, on their mean: their tails are whole counts of a few pods.
 */
final class MetricTests {
  private static final double[] TAILS = {90, 99};
  private static final double[] CLUSTERED = {50, 90, 99};

  private MetricTests() {}

  /**
   * Whether the nearest-rank {@code p} of {@code n} samples lies below their maximum. At or above
   * it the statistic is the maximum, and a bootstrap cannot judge a maximum: no replicate can
   * exceed the observed one, so the resampled differences pile up at a few values and give p-values
   * far smaller than the runs support (compare-power, 2026-12-06: probe_same_node p99 of 36 pods,
   * 3.5 to 5.2 ms, p=0.0005 between two unchanged runs).
   */
  static boolean estimable(double p, int n) {
    return Math.ceil(p / 100.0 * n - 1e-9) < n;
  }

  /** The fewest samples a side for which {@code p} lies below the maximum. */
  static int fewestFor(double p) {
    int n = 1;
    while (!estimable(p, n)) {
      n++;
    }
    return n;
  }

  /** Those of {@code percentiles} that both sides' pooled samples hold below their maximum. */
  private static double[] estimable(
      double[] percentiles, List<double[]> base, List<double[]> cand) {
    int n = Math.min(count(base), count(cand));
    return Arrays.stream(percentiles).filter(p -> estimable(p, n)).toArray();
  }

  private static int count(List<double[]> runs) {
    return runs.stream().mapToInt(r -> r.length).sum();
  }

  /**
   * With machine references ({@code baseRefs}, {@code candRefs}: one per run, null to judge as
   * measured) a latency gets the bootstrap for median, p90 and p99 relative to the machine,
   * whatever the number of runs: Mann-Whitney and Kolmogorov-Smirnov know nothing of the
   * references' own noise.
   *
   * @param perSecond true for throughput's per-second series
   * @param confidence of the bootstrap intervals (1 - alpha)
   * @param tolerance the smallest relative worsening that counts
   */
  static List<StatTest> run(
      List<double[]> base,
      List<double[]> cand,
      List<double[]> baseRefs,
      List<double[]> candRefs,
      Direction direction,
      boolean perSecond,
      double confidence,
      double tolerance) {
    if (!perSecond && baseRefs != null) {
      return bootstrapped(
          base, cand, baseRefs, candRefs, CLUSTERED, direction, confidence, tolerance);
    }
    if (!perSecond && base.size() > 1 && cand.size() > 1) {
      // Several runs on both sides: pods of one run share its machine, so tests that take every
      // pod as independent (Mann-Whitney, Kolmogorov-Smirnov on pooled samples) would call a shift
      // between runs of one setup a change; drawing runs first gives each statistic their spread.
      return bootstrapped(base, cand, null, null, CLUSTERED, direction, confidence, tolerance);
    }
    double[] x = Bootstrap.pooled(base);
    double[] y = Bootstrap.pooled(cand);
    double mw = new MannWhitneyUTest().mannWhitneyUTest(x, y);
    List<StatTest> out = new ArrayList<>();
    if (perSecond) {
      double worse = direction.worsening(mean(x), mean(y));
      out.add(
          judged(
              StatTest.of("per-second", "Mann-Whitney", mw, worse),
              base,
              tolerance,
              r -> direction.worsening(mean(x), mean(r))));
      return out;
    }
    double median = direction.worsening(Bootstrap.rank(x, 50), Bootstrap.rank(y, 50));
    out.add(
        judged(
            StatTest.of("median", "Mann-Whitney", mw, median),
            base,
            tolerance,
            r -> direction.worsening(Bootstrap.rank(x, 50), Bootstrap.rank(sorted(r), 50))));
    List<StatTest> tailTests =
        bootstrapped(base, cand, null, null, TAILS, direction, confidence, tolerance);
    double worst =
        Math.max(median, tailTests.stream().mapToDouble(StatTest::worsening).max().orElse(median));
    KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
    double d = ks.kolmogorovSmirnovStatistic(x, y);
    double minEffect =
        Math.max(
            out.getFirst().minEffect(),
            tailTests.stream().mapToDouble(StatTest::minEffect).max().orElse(0));
    out.add(
        new StatTest(
            "distribution",
            "Kolmogorov-Smirnov",
            // P(D >= d), the p-value; the two-argument form gives P(D > d): 0 when D is 1.
            ks.kolmogorovSmirnovTest(x, y, false),
            Double.NaN,
            worst,
            minEffect,
            Double.NaN,
            Double.NaN,
            d,
            Double.NaN));
    out.addAll(tailTests);
    return out;
  }

  /**
   * The two-level bootstrap of each of {@code percentiles} (50 is named "median") that both sides
   * hold below their maximum ({@link #estimable}), each judged against its minimum effect; with
   * references, relative to the machine and with the change as measured beside it.
   */
  private static List<StatTest> bootstrapped(
      List<double[]> base,
      List<double[]> cand,
      List<double[]> baseRefs,
      List<double[]> candRefs,
      double[] percentiles,
      Direction direction,
      double confidence,
      double tolerance) {
    percentiles = estimable(percentiles, base, cand);
    List<double[]> scaledBase = Bootstrap.scaled(base, baseRefs);
    double[] x = Bootstrap.pooled(scaledBase);
    double[] rawBase = Bootstrap.pooled(base);
    double[] rawCand = Bootstrap.pooled(cand);
    Bootstrap.Interval[] intervals =
        Bootstrap.percentiles(base, cand, baseRefs, candRefs, percentiles, confidence);
    List<StatTest> out = new ArrayList<>();
    for (int j = 0; j < percentiles.length; j++) {
      double p = percentiles[j];
      Bootstrap.Interval i = intervals[j];
      out.add(
          judged(
                  StatTest.of(
                      p == 50 ? "median" : "p" + (int) p,
                      baseRefs == null ? "bootstrap" : "bootstrap/machine",
                      // Worse both ways (an intersection-union test): the larger p-value.
                      baseRefs == null ? i.pValue() : Math.max(i.pValue(), i.pMeasured()),
                      direction.worsening(i.base(), i.cand())),
                  scaledBase,
                  tolerance,
                  r -> direction.worsening(Bootstrap.rank(x, p), Bootstrap.rank(sorted(r), p)))
              .withInterval(i.lowRel(), i.highRel())
              .withMeasured(
                  baseRefs == null
                      ? Double.NaN
                      : direction.worsening(
                          Bootstrap.rank(rawBase, p), Bootstrap.rank(rawCand, p))));
    }
    return out;
  }

  /**
   * The smallest worsening that counts: the tolerance, or with several baseline runs the spread of
   * the statistic among them (largest minus smallest run, relative to the pooled baseline), when
   * that is larger: a change no bigger than the baseline's own run-to-run spread is not one.
   */
  private static StatTest judged(
      StatTest t,
      List<double[]> base,
      double tolerance,
      java.util.function.ToDoubleFunction<double[]> vsPooled) {
    double min = tolerance;
    if (base.size() > 1) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double[] run : base) {
        double w = vsPooled.applyAsDouble(run);
        lo = Math.min(lo, w);
        hi = Math.max(hi, w);
      }
      if (Double.isFinite(hi - lo)) {
        min = Math.max(min, hi - lo);
      }
    }
    return t.judged(Double.NaN, min);
  }

  static double mean(double[] v) {
    return Arrays.stream(v).average().orElse(Double.NaN);
  }

  private static double[] sorted(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s;
  }
}
