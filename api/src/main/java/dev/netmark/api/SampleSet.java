package dev.netmark.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The per-pod samples behind one data item of a {@link Summary}: {@code report.html} plots their
 * CDF and {@code netmark compare} tests two runs' samples for a significant difference. Written as
 * part of the summary's samples file ({@link ReportFiles#data}).
 *
 * @param labels the data item's labels, at least {@code Metric}; kept in the order given
 * @param unit the unit of the values, e.g. {@code ms}
 * @param values the samples, in the order the measurement read them
 */
public record SampleSet(Map<String, String> labels, String unit, double[] values) {
  public SampleSet {
    Objects.requireNonNull(unit, "unit");
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    values = values.clone();
  }

  /** The {@code Metric} label, or empty. */
  public String metric() {
    return labels.getOrDefault("Metric", "");
  }

  /** A copy of the samples (the record's own array is not handed out). */
  @Override
  public double[] values() {
    return values.clone();
  }
}
