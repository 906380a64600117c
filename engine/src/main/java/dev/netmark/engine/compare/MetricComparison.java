package dev.netmark.engine.compare;

import java.util.List;

/**
 * A metric compared between two sides.
 *
 * @param key the summary and labels
 * @param unit the unit of its statistics
 * @param stats the statistics both sides have, percentiles first (the median over a side's runs)
 * @param tests the tests run on its samples, after Holm's adjustment; empty without samples on both
 *     sides
 * @param medianWorsening the relative change of the median, positive when worse (from the samples
 *     when present, else from Perc50, else from Average: throughput has no percentiles); NaN when
 *     there is none of them
 * @param basis what {@code medianWorsening} compares: "median" or "average"
 * @param verdict what it means
 */
record MetricComparison(
    MetricKey key,
    String unit,
    List<StatChange> stats,
    List<StatTest> tests,
    double medianWorsening,
    String basis,
    Verdict verdict) {
  MetricComparison {
    stats = List.copyOf(stats);
    tests = List.copyOf(tests);
  }

  /** The outcome for one metric. */
  enum Verdict {
    /** At least one tested statistic significantly worse by more than its minimum effect. */
    REGRESSION,
    /** At least one significantly better by more than that, and none worse. */
    IMPROVEMENT,
    /** Neither. */
    SAME,
    /**
     * The median (or average) is worse beyond the tolerance, but there are no samples to test it; a
     * regression with {@code --strict}.
     */
    UNTESTED_WORSE,
    /** No samples to test and nothing beyond the tolerance. */
    UNTESTED,
    /** Not among the metrics {@code --metrics} names: shown, not tested, never a regression. */
    NOT_GATED
  }

  boolean tested() {
    return !tests.isEmpty();
  }

  /** The raw p-value of the first test (the median's), NaN when untested. */
  double pValue() {
    return tests.isEmpty() ? Double.NaN : tests.getFirst().pValue();
  }

  /** This comparison with its tests judged after Holm's adjustment. */
  MetricComparison judged(List<StatTest> judgedTests, double alpha) {
    Verdict v = Verdict.SAME;
    for (StatTest t : judgedTests) {
      StatTest.Outcome o = t.outcome(alpha);
      if (o == StatTest.Outcome.REGRESSION) {
        v = Verdict.REGRESSION;
      } else if (o == StatTest.Outcome.IMPROVEMENT && v == Verdict.SAME) {
        v = Verdict.IMPROVEMENT;
      }
    }
    return new MetricComparison(key, unit, stats, judgedTests, medianWorsening, basis, v);
  }
}
