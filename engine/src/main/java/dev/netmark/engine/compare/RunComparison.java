package dev.netmark.engine.compare;

import dev.netmark.api.Summary.DataItem;
import dev.netmark.engine.compare.MetricComparison.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two sides metric by metric (docs/design.md, "Comparing runs"). Every metric with samples
 * on both sides is tested ({@link MetricTests}); the p-values of all tests of the comparison are
 * adjusted together ({@link Holm}), and a metric regressed when any of its tests is significant
 * after that and its statistic is worse by more than the tolerance (or the baseline's run-to-run
 * spread of it, when larger).
 *
 * @param metrics the metrics both sides have, in key order
 * @param onlyBaseline metrics missing from the candidate
 * @param onlyCandidate metrics new in the candidate
 * @param sampled the {@code Metric} names of the metrics with samples on both sides: those {@code
 *     --metrics} can name
 */
record RunComparison(
    List<MetricComparison> metrics,
    List<MetricKey> onlyBaseline,
    List<MetricKey> onlyCandidate,
    Set<String> sampled) {
  /** Samples smaller than this are not tested: the tests have no power there. */
  static final int MIN_SAMPLES = 3;

  private static final List<String> FIRST = List.of("Perc50", "Perc90", "Perc99", "Max");

  static RunComparison of(Side base, Side cand, double tolerance, double alpha) {
    return of(base, cand, MachineSpeeds.NONE, new Compare.Options(tolerance, alpha, false, false));
  }

  /**
   * Compares, judging latencies relative to the machine when {@code machine} is normalising; its
   * reference ({@code Side=machine}) is no metric to judge. Metrics the options do not gate are
   * shown but not tested, so Holm's adjustment runs over the gated metrics' tests alone.
   */
  static RunComparison of(Side base, Side cand, MachineSpeeds machine, Compare.Options options) {
    double tolerance = options.tolerance();
    double alpha = options.alpha();
    Set<MetricKey> baseKeys = base.keys();
    Set<MetricKey> candKeys = cand.keys();
    baseKeys.removeIf(MachineSpeeds::isReference);
    candKeys.removeIf(MachineSpeeds::isReference);
    List<MetricComparison> raw = new ArrayList<>();
    Set<String> sampled = new TreeSet<>();
    for (MetricKey key : baseKeys) {
      if (candKeys.contains(key)) {
        String name = key.labels().getOrDefault("Metric", "?");
        if (base.samples(key, MIN_SAMPLES) != null && cand.samples(key, MIN_SAMPLES) != null) {
          sampled.add(name);
        }
        MetricComparison m = compare(key, base, cand, machine, tolerance, alpha);
        raw.add(
            options.gates(name)
                ? m
                : new MetricComparison(
                    key,
                    m.unit(),
                    m.stats(),
                    List.of(),
                    m.medianWorsening(),
                    m.basis(),
                    Verdict.NOT_GATED));
      }
    }
    double[] p =
        raw.stream().flatMap(m -> m.tests().stream()).mapToDouble(StatTest::pValue).toArray();
    double[] adjusted = Holm.adjust(p);
    List<MetricComparison> out = new ArrayList<>();
    int at = 0;
    for (MetricComparison m : raw) {
      if (!m.tested()) {
        out.add(m);
        continue;
      }
      List<StatTest> judged = new ArrayList<>();
      for (StatTest t : m.tests()) {
        judged.add(t.judged(adjusted[at++], t.minEffect()));
      }
      out.add(m.judged(judged, alpha));
    }
    return new RunComparison(
        out,
        baseKeys.stream().filter(k -> !candKeys.contains(k)).toList(),
        candKeys.stream().filter(k -> !baseKeys.contains(k)).toList(),
        sampled);
  }

  List<MetricComparison> regressions() {
    return regressions(false);
  }

  /**
   * The regressed metrics; with {@code strict} also those worse beyond the tolerance that could not
   * be tested (no samples on both sides).
   */
  List<MetricComparison> regressions(boolean strict) {
    return metrics.stream()
        .filter(
            m ->
                m.verdict() == Verdict.REGRESSION
                    || (strict && m.verdict() == Verdict.UNTESTED_WORSE))
        .toList();
  }

  /** The number of tests run (Holm's m). */
  long testCount() {
    return metrics.stream().mapToLong(m -> m.tests().size()).sum();
  }

  private static MetricComparison compare(
      MetricKey key, Side base, Side cand, MachineSpeeds machine, double tolerance, double alpha) {
    List<DataItem> bItems = base.items(key);
    List<DataItem> cItems = cand.items(key);
    String unit = bItems.getFirst().unit();
    Direction direction = Direction.of(unit);
    TreeSet<String> common = new TreeSet<>(bItems.getFirst().data().keySet());
    cItems.forEach(i -> common.retainAll(i.data().keySet()));
    bItems.forEach(i -> common.retainAll(i.data().keySet()));
    List<StatChange> stats = new ArrayList<>();
    FIRST.stream().filter(common::remove).forEach(s -> stats.add(change(s, bItems, cItems)));
    common.forEach(s -> stats.add(change(s, bItems, cItems)));
    List<double[]> x = base.samples(key, MIN_SAMPLES);
    List<double[]> y = cand.samples(key, MIN_SAMPLES);
    boolean perSecond =
        key.summary().startsWith(Side.THROUGHPUT_SUMMARY)
            && Side.THROUGHPUT_METRIC.equals(key.labels().get("Metric"));
    if (x != null && y != null) {
      boolean relative = machine.normalises(unit);
      List<StatTest> tests =
          MetricTests.run(
              x,
              y,
              relative ? MachineSpeeds.of(base, key, machine.base()) : null,
              relative ? MachineSpeeds.of(cand, key, machine.cand()) : null,
              direction,
              perSecond,
              1 - alpha,
              tolerance);
      return new MetricComparison(
          key,
          unit,
          stats,
          tests,
          tests.getFirst().worsening(),
          perSecond ? "average" : "median",
          Verdict.SAME);
    }
    // Throughput items carry Average, Peak and Count but no percentiles.
    String stat = stats.stream().anyMatch(s -> s.stat().equals("Perc50")) ? "Perc50" : "Average";
    double worse =
        stats.stream()
            .filter(s -> s.stat().equals(stat))
            .findFirst()
            .map(s -> direction.worsening(s.baseline(), s.candidate()))
            .orElse(Double.NaN);
    Verdict v = worse > tolerance ? Verdict.UNTESTED_WORSE : Verdict.UNTESTED;
    return new MetricComparison(
        key, unit, stats, List.of(), worse, stat.equals("Perc50") ? "median" : "average", v);
  }

  /** The statistic on each side: the median over the side's runs (the value, for one run). */
  private static StatChange change(String stat, List<DataItem> base, List<DataItem> cand) {
    return new StatChange(stat, median(base, stat), median(cand, stat));
  }

  private static double median(List<DataItem> items, String stat) {
    double[] v = items.stream().mapToDouble(i -> i.data().get(stat)).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
