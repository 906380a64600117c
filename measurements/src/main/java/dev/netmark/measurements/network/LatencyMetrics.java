package dev.netmark.measurements.network;

import dev.netmark.api.Summary.DataItem;
import dev.netmark.contract.MetricNames;
import dev.netmark.measurements.network.PodRecord.Timed;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latencies the shims record per pod (docs/design.md, "What is measured"), in report order,
 * with the histogram each is also exported as.
 */
final class LatencyMetrics {
  /** Keys carried in records' {@code seconds}, in report order. */
  static final List<String> RECORDED = recorded();

  private LatencyMetrics() {}

  /** The histogram of each recorded key. */
  static List<Series> series() {
    List<Series> out = new ArrayList<>();
    out.add(new Series(MetricNames.CNI_ADD, MetricNames.CNI_ADD_SECONDS, Map.of()));
    out.add(new Series(MetricNames.CNI_ADD_TOTAL, MetricNames.CNI_ADD_TOTAL_SECONDS, Map.of()));
    for (String target : MetricNames.PROBE_TARGETS) {
      out.add(
          new Series(
              MetricNames.probeKey(target),
              MetricNames.PROBE_SECONDS,
              Map.of(MetricNames.LABEL_TARGET, target)));
    }
    out.add(new Series(MetricNames.NETWORK_READY, MetricNames.NETWORK_READY_SECONDS, Map.of()));
    out.add(new Series(MetricNames.PROBE_WAIT, MetricNames.PROBE_WAIT_SECONDS, Map.of()));
    out.add(new Series(MetricNames.CNI_DEL, MetricNames.CNI_DEL_SECONDS, Map.of()));
    return out;
  }

  /** Per recorded key, each pod's first value of it, with the time of its event. */
  static Map<String, List<Timed>> samples(Collection<PodRecord> pods) {
    Map<String, List<Timed>> out = new LinkedHashMap<>();
    RECORDED.forEach(k -> out.put(k, new ArrayList<>()));
    for (PodRecord p : pods) {
      RECORDED.forEach(
          k -> {
            Timed t = p.duration(k);
            if (t != null) {
              out.get(k).add(t);
            }
          });
    }
    return out;
  }

  /** One item per key with samples, in milliseconds, in key order. */
  static List<DataItem> items(Map<String, List<Double>> millisByKey, Map<String, String> labels) {
    List<DataItem> items = new ArrayList<>();
    millisByKey.forEach(
        (key, millis) -> {
          if (!millis.isEmpty()) {
            items.add(StatItems.millis(key, millis, labels));
          }
        });
    return items;
  }

  /** The items of every recorded key found in the histograms. */
  static List<DataItem> items(HistogramWindow window, Map<String, String> labels) {
    List<DataItem> items = new ArrayList<>();
    for (String key : RECORDED) {
      StatItems.histogram(key, window.get(key), 1000.0, "ms", labels).ifPresent(items::add);
    }
    return items;
  }

  private static List<String> recorded() {
    List<String> keys = new ArrayList<>(List.of(MetricNames.CNI_ADD, MetricNames.CNI_ADD_TOTAL));
    MetricNames.PROBE_TARGETS.forEach(t -> keys.add(MetricNames.probeKey(t)));
    keys.add(MetricNames.NETWORK_READY);
    keys.add(MetricNames.PROBE_WAIT);
    keys.add(MetricNames.CNI_DEL);
    return List.copyOf(keys);
  }
}
