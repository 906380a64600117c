package dev.netmark.measurements.network;

import dev.netmark.api.ReportFiles;
import dev.netmark.api.SampleSet;
import dev.netmark.api.SummaryData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-pod samples a summary's percentiles were computed from, handed to the engine with the
 * summary ({@link SummaryData#samples()}) so {@code report.html} can plot their CDFs and {@code
 * netmark compare} can test two runs for a significant difference. A set's labels are those of the
 * perfdash data item it belongs to; values are in read order.
 */
final class SampleSets {
  static final String KIND = ReportFiles.SAMPLES;

  private final String summary;
  private final List<SampleSet> sets = new ArrayList<>();

  SampleSets(String summary) {
    this.summary = summary;
  }

  /** Adds one set; an empty one is left out, as its data item is. */
  SampleSets add(Map<String, String> labels, String unit, List<Double> values) {
    if (!values.isEmpty()) {
      sets.add(
          new SampleSet(labels, unit, values.stream().mapToDouble(Double::doubleValue).toArray()));
    }
    return this;
  }

  /** Latencies in ms keyed by metric, each labelled {@code Metric} plus {@code labels}. */
  SampleSets addMillis(Map<String, List<Double>> millisByMetric, Map<String, String> labels) {
    millisByMetric.forEach(
        (metric, millis) -> {
          Map<String, String> all = new LinkedHashMap<>(labels);
          all.put("Metric", metric);
          add(all, "ms", millis);
        });
    return this;
  }

  /** The sets added so far. */
  List<SampleSet> sets() {
    return List.copyOf(sets);
  }

  /** A note naming the samples file when there is any set, or none. */
  List<String> notes(Window window) {
    return sets.isEmpty()
        ? List.of()
        : List.of("per-pod samples: " + DataFiles.path(window, summary, KIND));
  }

  /** The summary's data: these samples and nothing else. */
  SummaryData data(Window window) {
    return DataFiles.data(window, sets, List.of(), List.of());
  }
}
