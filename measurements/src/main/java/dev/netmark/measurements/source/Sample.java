package dev.netmark.measurements.source;

import java.util.Map;

/**
 * One sample of the Prometheus text exposition format.
 *
 * @param name the series name, e.g. {@code netmark_cni_add_duration_seconds_bucket}
 * @param labels its labels
 * @param value its value ({@code +Inf}, {@code -Inf} and {@code NaN} included)
 */
public record Sample(String name, Map<String, String> labels, double value) {
  public Sample {
    labels = Map.copyOf(labels);
  }
}
