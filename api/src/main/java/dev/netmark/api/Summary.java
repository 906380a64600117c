package dev.netmark.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A result of a measurement, held in memory until the run's reports are written: one
 * perfdash-compatible JSON file ({@link ReportFiles#perfdash}), its lines of {@code summary.txt},
 * its section of {@code report.html} and, when it has {@link SummaryData}, its data files.
 *
 * @param name the summary name, e.g. {@code NetworkReadyLatency}
 * @param dataItems perfdash data items
 * @param violations thresholds this result breached; any makes the run exit 1
 * @param notes short human lines for {@code summary.txt} (coverage, data source used)
 * @param data the per-pod samples, time series and raw data behind the items; {@link
 *     SummaryData#NONE} when there are none
 */
public record Summary(
    String name,
    List<DataItem> dataItems,
    List<SloViolation> violations,
    List<String> notes,
    SummaryData data) {

  public Summary {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(data, "data");
    dataItems = List.copyOf(dataItems);
    violations = List.copyOf(violations);
    notes = List.copyOf(notes);
  }

  /** A summary without data. */
  public Summary(
      String name, List<DataItem> dataItems, List<SloViolation> violations, List<String> notes) {
    this(name, dataItems, violations, notes, SummaryData.NONE);
  }

  public Summary(String name, List<DataItem> dataItems) {
    this(name, dataItems, List.of(), List.of());
  }

  /** This summary with {@code data} instead of its own. */
  public Summary withData(SummaryData data) {
    return new Summary(name, dataItems, violations, notes, data);
  }

  /** This summary with {@code notes} instead of its own; its data stays. */
  public Summary withNotes(List<String> notes) {
    return new Summary(name, dataItems, violations, notes, data);
  }

  /**
   * One series of a perfdash summary.
   *
   * @param data values keyed by {@code Perc50}, {@code Perc90}, {@code Perc99}, {@code Max} ...
   * @param unit {@code ms}, {@code 1/s}, ...
   * @param labels at least {@code Metric}
   */
  public record DataItem(Map<String, Double> data, String unit, Map<String, String> labels) {
    public DataItem {
      data = Map.copyOf(data);
      labels = Map.copyOf(labels);
    }
  }

  /**
   * A threshold breached by a result.
   *
   * @param metric e.g. {@code network_ready}
   * @param statistic e.g. {@code Perc99}
   * @param threshold the limit, in {@code unit}
   * @param actual the measured value, in {@code unit}; {@code NaN} when the metric had no data
   * @param unit unit of both values
   * @param bound whether the threshold is a maximum (a value above it breaches) or a minimum
   */
  public record SloViolation(
      String metric, String statistic, double threshold, double actual, String unit, Bound bound) {
    /** Which side of the threshold is a breach. */
    public enum Bound {
      /** The value may not exceed the threshold (latencies). */
      MAX,
      /** The value may not fall below the threshold (coverage, rates). */
      MIN
    }

    public SloViolation {
      Objects.requireNonNull(bound, "bound");
    }

    /** A breached maximum, the common case. */
    public SloViolation(
        String metric, String statistic, double threshold, double actual, String unit) {
      this(metric, statistic, threshold, actual, unit, Bound.MAX);
    }

    /** A threshold on a metric that had no samples: it fails, it never passes. */
    public static SloViolation noData(
        String metric, String statistic, double threshold, String unit) {
      return new SloViolation(metric, statistic, threshold, Double.NaN, unit, Bound.MAX);
    }

    /** True when the metric had no samples to check. */
    public boolean noData() {
      return Double.isNaN(actual);
    }

    /**
     * One line naming the metric, the statistic, the value and the limit, e.g. {@code network_ready
     * Perc99 = 431.200 ms exceeds the threshold 1.000 ms}.
     */
    @Override
    public String toString() {
      if (noData()) {
        return String.format(
            Locale.ROOT, "%s %s: no data (threshold %.3f %s)", metric, statistic, threshold, unit);
      }
      return String.format(
          Locale.ROOT,
          bound == Bound.MAX
              ? "%s %s = %.3f %s exceeds the threshold %.3f %s"
              : "%s %s = %.3f %s is below the minimum %.3f %s",
          metric,
          statistic,
          actual,
          unit,
          threshold,
          unit);
    }
  }
}
