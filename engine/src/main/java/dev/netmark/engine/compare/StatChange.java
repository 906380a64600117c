package dev.netmark.engine.compare;

/**
 * One statistic of a metric in both runs.
 *
 * @param stat e.g. {@code Perc99}
 * @param baseline its value in the baseline
 * @param candidate its value in the candidate
 */
record StatChange(String stat, double baseline, double candidate) {
  double delta() {
    return candidate - baseline;
  }

  /** The change relative to the baseline, NaN when the baseline is 0. */
  double relative() {
    return baseline == 0 ? Double.NaN : (candidate - baseline) / Math.abs(baseline);
  }
}
