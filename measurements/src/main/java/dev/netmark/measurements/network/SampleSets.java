package dev.netmark.measurements.network;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-pod samples a summary's percentiles were computed from, kept as {@code
 * <reportDir>/data/<summary>_samples_<testName>_<gatherMs>.json} so {@code report.html} can plot
 * their CDFs and {@code netmark compare} can test two runs for a significant difference:
 *
 * <pre>{"summary":"NetworkReadyLatency","gatherMs":...,"sets":[
 *   {"labels":{"Metric":"cni_add"},"unit":"ms","values":[31.0,40.5,...]}, ...]}</pre>
 *
 * A set's labels are those of the perfdash data item it belongs to; values are in read order.
 */
final class SampleSets {
  static final String KIND = "samples";

  private final String summary;
  private final List<Map<String, Object>> sets = new ArrayList<>();

  SampleSets(String summary) {
    this.summary = summary;
  }

  /** Adds one set; an empty one is left out, as its data item is. */
  SampleSets add(Map<String, String> labels, String unit, List<Double> values) {
    if (!values.isEmpty()) {
      Map<String, Object> set = new LinkedHashMap<>();
      set.put("labels", labels);
      set.put("unit", unit);
      set.put("values", values);
      sets.add(set);
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

  /**
   * Writes the file when there is any set.
   *
   * @return a note naming the file, or none
   */
  List<String> write(Window window) {
    if (sets.isEmpty()) {
      return List.of();
    }
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("summary", summary);
    content.put("gatherMs", window.gatherMs());
    content.put("sets", sets);
    Path file = DataFiles.write(window, summary, KIND, content);
    return List.of("per-pod samples: " + file);
  }
}
