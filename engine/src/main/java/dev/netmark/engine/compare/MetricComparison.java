package dev.netmark.engine.compare;

import java.util.List;

/**
 * A metric compared between two runs.
 *
 * @param key the summary and labels
 * @param unit the unit of its statistics
 * @param stats the statistics both runs have, percentiles first
 * @param pValue the two-sided Mann-Whitney U p-value of the per-pod samples, NaN without samples in
 *     both runs
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
    double pValue,
    double medianWorsening,
    String basis,
    Verdict verdict) {
  MetricComparison {
    stats = List.copyOf(stats);
  }

  /** The outcome for one metric. */
  enum Verdict {
    /** Significantly worse (p < alpha) and the median worse by more than the tolerance. */
    REGRESSION,
    /** Significantly better and the median better by more than the tolerance. */
    IMPROVEMENT,
    /** Neither. */
    SAME,
    /**
     * The median (or average) is worse beyond the tolerance, but there are no samples to test it; a
     * regression with {@code --strict}.
     */
    UNTESTED_WORSE,
    /** No samples to test and nothing beyond the tolerance. */
    UNTESTED
  }

  boolean tested() {
    return !Double.isNaN(pValue);
  }
}
