package dev.netmark.measurements.network;

import dev.netmark.api.MetricSource.Coverage;
import dev.netmark.api.Params;
import dev.netmark.api.Summary.SloViolation;
import dev.netmark.api.Summary.SloViolation.Bound;
import java.util.Optional;

/**
 * {@code minCoverage}: how many of the nodes that should answer must answer for the result to
 * count, as a fraction ({@code 0.9} or {@code "90%"}) or a count ({@code 8}). Absent, every node
 * must answer: thresholds met on part of the cluster are no pass.
 *
 * @param fraction the share of the nodes asked, used when {@code count} is negative
 * @param count the number of nodes, or -1
 */
record MinCoverage(double fraction, int count) {
  static final String KEY = "minCoverage";
  static final MinCoverage ALL = new MinCoverage(1.0, -1);
  static final String METRIC = "coverage";
  static final String STATISTIC = "NodesAnswered";

  /**
   * The {@code minCoverage} of {@code params}, if given.
   *
   * @throws dev.netmark.api.ConfigException naming {@code minCoverage} for a fraction outside 0..1,
   *     a negative count or a value that is neither
   */
  static Optional<MinCoverage> parse(Params params) {
    Object raw = params.asMap().get(KEY);
    if (raw == null) {
      return Optional.empty();
    }
    String expected =
        "expected a fraction of the nodes (0.9 or 90%) or a count of nodes (8), found '"
            + raw
            + "'";
    if (raw instanceof Integer || raw instanceof Long) {
      long n = ((Number) raw).longValue();
      if (n < 0 || n > Integer.MAX_VALUE) {
        throw params.error(KEY, expected);
      }
      return Optional.of(new MinCoverage(0, (int) n));
    }
    double fraction;
    if (raw instanceof Number n) {
      fraction = n.doubleValue();
    } else if (raw instanceof String s && s.strip().endsWith("%")) {
      try {
        fraction = Double.parseDouble(s.strip().replace("%", "").strip()) / 100;
      } catch (NumberFormatException e) {
        throw params.error(KEY, expected);
      }
    } else {
      throw params.error(KEY, expected);
    }
    if (!(fraction >= 0 && fraction <= 1)) {
      throw params.error(KEY, expected);
    }
    return Optional.of(new MinCoverage(fraction, -1));
  }

  /** Nodes that must answer out of {@code asked}. */
  int required(int asked) {
    if (count >= 0) {
      return count;
    }
    // The small epsilon keeps 0.9 of 10 at 9 despite binary fractions.
    return (int) Math.ceil(fraction * asked - 1e-9);
  }

  /** A violation when fewer nodes answered than required; none when coverage is unknown. */
  Optional<SloViolation> check(Coverage coverage) {
    if (coverage == null) {
      return Optional.empty();
    }
    int required = required(coverage.nodesAsked());
    int answered = coverage.nodesAnswered();
    if (answered >= required) {
      return Optional.empty();
    }
    return Optional.of(new SloViolation(METRIC, STATISTIC, required, answered, "nodes", Bound.MIN));
  }
}
