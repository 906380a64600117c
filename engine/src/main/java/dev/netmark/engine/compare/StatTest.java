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
    double statistic) {

  /** What the test says at level {@code alpha}. */
  enum Outcome {
    REGRESSION,
    IMPROVEMENT,
    SIGNIFICANT_WITHIN_TOLERANCE,
    NOT_SIGNIFICANT
  }

  static StatTest of(String name, String method, double p, double worsening) {
    return new StatTest(
        name, method, p, Double.NaN, worsening, 0, Double.NaN, Double.NaN, Double.NaN);
  }

  StatTest withInterval(double low, double high) {
    return new StatTest(
        name, method, pValue, pAdjusted, worsening, minEffect, low, high, statistic);
  }

  StatTest withStatistic(double d) {
    return new StatTest(name, method, pValue, pAdjusted, worsening, minEffect, lowRel, highRel, d);
  }

  StatTest judged(double adjusted, double min) {
    return new StatTest(name, method, pValue, adjusted, worsening, min, lowRel, highRel, statistic);
  }

  Outcome outcome(double alpha) {
    if (!(pAdjusted < alpha)) {
      return Outcome.NOT_SIGNIFICANT;
    }
    if (worsening > minEffect) {
      return Outcome.REGRESSION;
    }
    return worsening < -minEffect ? Outcome.IMPROVEMENT : Outcome.SIGNIFICANT_WITHIN_TOLERANCE;
  }
}
