package dev.netmark.measurements.network;

import java.util.Map;

/**
 * One histogram a measurement falls back to when the source has no per-pod events.
 *
 * @param key what the measurement calls it, e.g. {@code probe_service}
 * @param metric the Prometheus metric, e.g. {@code netmark_probe_duration_seconds}
 * @param labels labels the series must have, e.g. {@code {target: service}}
 */
record Series(String key, String metric, Map<String, String> labels) {
  Series {
    labels = Map.copyOf(labels);
  }
}
