package dev.netmark.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A result of a measurement, written as one perfdash-compatible JSON file ({@code
 * <name>_<testName>_<timestamp>.json}).
 *
 * @param name the summary name, e.g. {@code NetworkReadyLatency}
 * @param dataItems perfdash data items
 * @param violations thresholds this result breached; any makes the run exit 1
 * @param notes short human lines for {@code summary.txt} (coverage, data source used)
 */
public record Summary(
    String name, List<DataItem> dataItems, List<SloViolation> violations, List<String> notes) {

  public Summary {
    Objects.requireNonNull(name, "name");
    dataItems = List.copyOf(dataItems);
    violations = List.copyOf(violations);
    notes = List.copyOf(notes);
  }

  public Summary(String name, List<DataItem> dataItems) {
    this(name, dataItems, List.of(), List.of());
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
   * @param actual the measured value, in {@code unit}
   * @param unit unit of both values
   */
  public record SloViolation(
      String metric, String statistic, double threshold, double actual, String unit) {
    @Override
    public String toString() {
      return String.format(
          "%s %s = %.3f %s exceeds the threshold %.3f %s",
          metric, statistic, actual, unit, threshold, unit);
    }
  }
}
