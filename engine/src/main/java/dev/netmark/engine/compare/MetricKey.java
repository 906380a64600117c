package dev.netmark.engine.compare;

import java.util.Map;
import java.util.TreeMap;

/**
 * What is compared between two runs: a summary's data item, identified by the summary key and all
 * its labels ({@code Metric} and e.g. {@code Phase}).
 */
record MetricKey(String summary, Map<String, String> labels) implements Comparable<MetricKey> {
  MetricKey {
    labels = Map.copyOf(labels);
  }

  /** {@code NetworkReadyLatency cni_add} or {@code PodFlux cni_add {Phase=2}}. */
  String display() {
    Map<String, String> rest = new TreeMap<>(labels);
    String metric = rest.remove("Metric");
    return summary + " " + (metric == null ? "?" : metric) + (rest.isEmpty() ? "" : " " + rest);
  }

  @Override
  public int compareTo(MetricKey o) {
    int c = summary.compareTo(o.summary);
    return c != 0
        ? c
        : new TreeMap<>(labels).toString().compareTo(new TreeMap<>(o.labels).toString());
  }
}
