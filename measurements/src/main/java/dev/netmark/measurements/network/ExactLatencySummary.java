package dev.netmark.measurements.network;

import dev.netmark.api.Summary.DataItem;
import dev.netmark.contract.PodEvent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code NetworkReadyLatency}'s exact summary over per-pod records, outside a run: the records are
 * folded per pod, then each recorded key gets nearest-rank Perc50/90/99, Max and Count in
 * milliseconds (docs/design.md, "What is measured"). Tools that hold records (the engine-scale
 * benchmark, a plugin that re-summarises a run) use it instead of re-implementing the summary.
 */
public final class ExactLatencySummary {
  private final Collection<PodRecord> pods;

  private ExactLatencySummary(Collection<PodRecord> pods) {
    this.pods = pods;
  }

  /** Folds {@code events} per pod UID, in order, as the measurement does. */
  public static ExactLatencySummary of(List<PodEvent> events) {
    PodFold fold = new PodFold();
    events.forEach(fold::accept);
    return new ExactLatencySummary(fold.pods());
  }

  /** The keys the shims record per pod, in report order, e.g. {@code cni_add}. */
  public static List<String> keys() {
    return LatencyMetrics.RECORDED;
  }

  /** One item per key with samples, in key order. */
  public List<DataItem> items() {
    Map<String, List<Double>> millis = new LinkedHashMap<>();
    LatencyMetrics.samples(pods)
        .forEach(
            (key, timed) -> millis.put(key, timed.stream().map(PodRecord.Timed::millis).toList()));
    return LatencyMetrics.items(millis, Map.of());
  }
}
