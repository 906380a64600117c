package dev.netmark.api;

import java.util.List;
import java.util.Objects;

/**
 * A raw number a provider's cluster measured outside netmark, to stand beside one of netmark's
 * metrics in the report: local mode's plain CNI ADD beside {@code cni_add}, a plain ping beside
 * {@code probe_same_node}. A raw number far below netmark's says the difference is netmark's (or
 * the run's load); a raw number as high says it is the CNI's.
 *
 * @param metric the netmark metric it stands beside, e.g. {@code cni_add}
 * @param unit the unit of the samples, e.g. {@code ms}
 * @param samples one per raw pod; empty when it could not be measured
 * @param how one line: how it was measured, or why it could not be
 */
public record Baseline(String metric, String unit, List<Double> samples, String how) {
  public Baseline {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(how, "how");
    samples = List.copyOf(samples);
  }
}
