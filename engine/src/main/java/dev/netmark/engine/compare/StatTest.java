package dev.netmark.engine.compare;

/**
 * One test of one metric: a statistic compared between the two sides.
 *
 * @param name what is tested: {@code median}, {@code distribution}, {@code p90}, {@code p99} or
 *     {@code per-second} (throughput)
 * @param method {@code Mann-Whitney}, {@code Kolmogorov-Smirnov} or {@code bootstrap}
 * @param pValue the test's two-sided p-value
 * @param pAdjusted the p-value after Holm's adjustment over every test of the comparison
 * @param worsening the relative change of the statistic, positive when worse; for the distribution
 *     test the largest worsening among median, p90 and p99
 * @param minEffect how much worse it must be to count: the tolerance, or the baseline runs' own
 *     spread of the statistic when that is larger
 * @param lowRel lower bound of the bootstrap interval of the relative change (candidate - baseline,
 *     not direction-corrected), NaN for other methods
 * @param highRel its upper bound
 * @param statistic the test statistic where it helps the reader (Kolmogorov-Smirnov D), else NaN
 * @param measured when the test judged the statistic relative to the machine (docs/design.md,
 *     "Machine reference"), its relative change as measured, positive when worse; else NaN. A
 *     regression must be worse beyond the minimum effect both ways.
 */
record StatTest(
    String name,
    String method,
    double pValue,
    double pAdjusted,
    double worsening,
    double minEffect,
    double lowRel,
    double highRel,
    double statistic,
    double measured) {

  /** What the test says at level {@code alpha}. */
  enum Outcome {
    REGRESSION,
    IMPROVEMENT,
    SIGNIFICANT_WITHIN_TOLERANCE,
    /** Beyond the minimum effect relative to the machine, but not as measured. */
    RELATIVE_ONLY,
    NOT_SIGNIFICANT
  }

  static StatTest of(String name, String method, double p, double worsening) {
    return new StatTest(
        name, method, p, Double.NaN, worsening, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }

  StatTest withInterval(double low, double high) {
    return new StatTest(
        name, method, pValue, pAdjusted, worsening, minEffect, low, high, statistic, measured);
  }

  StatTest withMeasured(double m) {
    return new StatTest(
        name, method, pValue, pAdjusted, worsening, minEffect, lowRel, highRel, statistic, m);
  }

  /** This test with its Holm-adjusted p-value and the minimum effect it is held to. */
  StatTest judged(double adjusted, double min) {
    return new StatTest(
        name, method, pValue, adjusted, worsening, min, lowRel, highRel, statistic, measured);
  }

  Outcome outcome(double alpha) {
    if (!(pAdjusted < alpha)) {
      return Outcome.NOT_SIGNIFICANT;
    }
    // NaN (judged as measured) passes both checks of the measured change.
    if (worsening > minEffect) {
      return measured <= minEffect ? Outcome.RELATIVE_ONLY : Outcome.REGRESSION;
    }
    if (worsening < -minEffect) {
      return measured >= -minEffect ? Outcome.RELATIVE_ONLY : Outcome.IMPROVEMENT;
    }
    return Outcome.SIGNIFICANT_WITHIN_TOLERANCE;
  }
}
