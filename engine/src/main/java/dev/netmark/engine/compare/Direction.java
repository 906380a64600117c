package dev.netmark.engine.compare;

import java.util.Set;

/**
 * Which way is worse for a metric. Rates (pods per second, bits per second) are better higher;
 * everything else netmark reports (latencies, jitter, loss, retransmits, failure counts) is better
 * lower.
 */
enum Direction {
  LOWER_IS_BETTER,
  HIGHER_IS_BETTER;

  private static final Set<String> RATES = Set.of("1/s", "bit/s");

  static Direction of(String unit) {
    return RATES.contains(unit) ? HIGHER_IS_BETTER : LOWER_IS_BETTER;
  }

  /** The relative change of {@code candidate} against {@code baseline}, positive when worse. */
  double worsening(double baseline, double candidate) {
    double delta = this == LOWER_IS_BETTER ? candidate - baseline : baseline - candidate;
    if (baseline == 0) {
      return delta == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, delta);
    }
    return delta / Math.abs(baseline);
  }
}
