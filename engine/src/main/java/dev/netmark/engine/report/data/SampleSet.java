package dev.netmark.engine.report.data;

import java.util.Map;

/**
 * The per-pod samples behind one perfdash data item, read from a {@code data/*_samples_*.json}
 * file.
 *
 * @param summary the summary key: its name, with {@code -2}, {@code -3} ... for later gathers of
 *     the same summary in one run (as the perfdash file names have)
 * @param labels the data item's labels, at least {@code Metric}
 * @param unit the unit of the values
 * @param values the samples, in the order the measurement read them
 */
public record SampleSet(String summary, Map<String, String> labels, String unit, double[] values) {
  public SampleSet {
    labels = Map.copyOf(labels);
  }

  /** The {@code Metric} label. */
  public String metric() {
    return labels.getOrDefault("Metric", "");
  }
}
