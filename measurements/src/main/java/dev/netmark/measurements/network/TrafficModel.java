package dev.netmark.measurements.network;

import dev.netmark.api.DataFile;
import dev.netmark.api.MetricSource.Histogram;
import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import dev.netmark.api.Thresholds;
import dev.netmark.contract.MetricNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code TrafficModel}: the iperf3 results of the pods' traffic commands (TRAFFIC records):
 * throughput, TCP retransmits, UDP jitter and loss, as distributions over runs plus the aggregate
 * throughput, the runs that failed ({@code failed_runs}) and the network-ready pods without a run
 * ({@code pods_without_runs}), which thresholds can limit; per-pod results go to a data file.
 */
final class TrafficModel implements Analysis {
  static final String NAME = "TrafficModel";
  static final String PODS = "pods";
  static final String BITS = "bits_per_second";
  static final String RETRANSMITS = "retransmits";
  static final String JITTER = "jitter_ms";
  static final String LOST = "lost_percent";

  /** Result keys (the shim's TrafficKeys) and their units. */
  static final Map<String, String> UNITS =
      Map.of(BITS, "bit/s", RETRANSMITS, "count", JITTER, "ms", LOST, "%");

  private static final List<String> KEYS = List.of(BITS, RETRANSMITS, JITTER, LOST);
  static final String EXIT_CODE = "exit_code";
  static final String FAILED_RUNS = "failed_runs";
  static final String PODS_WITHOUT_RUNS = "pods_without_runs";
  private static final List<String> COUNTED = List.of(FAILED_RUNS, PODS_WITHOUT_RUNS);
  private static final int NAMED = 5;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void validate(Params params) {
    thresholds(params);
  }

  /**
   * {@code thresholds: {failed_runs: {Count: N}, pods_without_runs: {Count: M}}}: at most N runs
   * may fail, and at most M network-ready pods may have no run by the gather.
   */
  private static Thresholds thresholds(Params params) {
    return Thresholds.parse(params, COUNTED, StatItems.COUNT_STATISTICS);
  }

  @Override
  public List<Series> histograms() {
    // The shim's netmark_traffic_* histograms; retransmits is a counter, not readable here.
    return List.of(
        new Series(BITS, MetricNames.TRAFFIC_PREFIX + "bits_per_second", Map.of()),
        new Series(JITTER, MetricNames.TRAFFIC_PREFIX + "jitter_seconds", Map.of()),
        new Series(LOST, MetricNames.TRAFFIC_PREFIX + "lost_ratio", Map.of()));
  }

  @Override
  public Summary exact(Params params, Window window) {
    Map<String, List<Double>> values = new LinkedHashMap<>();
    KEYS.forEach(k -> values.put(k, new ArrayList<>()));
    List<Map<String, Object>> perPod = new ArrayList<>();
    int runs = 0;
    int failed = 0;
    int ready = 0;
    List<String> withoutRuns = new ArrayList<>();
    for (PodRecord p : window.fold().pods()) {
      boolean networkReady = p.duration(MetricNames.NETWORK_READY) != null;
      if (networkReady) {
        ready++;
      }
      if (p.trafficRuns().isEmpty()) {
        if (networkReady) {
          withoutRuns.add(p.namespace() + "/" + p.name());
        }
        continue;
      }
      for (Map<String, Double> run : p.trafficRuns()) {
        runs++;
        KEYS.forEach(
            k -> {
              Double v = run.get(k);
              if (v != null && Double.isFinite(v) && v >= 0) {
                values.get(k).add(v);
              }
            });
      }
      failed += p.trafficFailures();
      perPod.add(
          Map.of(
              "namespace",
              p.namespace(),
              "name",
              p.name(),
              "node",
              p.node(),
              "runs",
              p.trafficRuns()));
    }
    List<DataItem> items = new ArrayList<>();
    values.forEach(
        (key, v) -> {
          if (!v.isEmpty()) {
            items.add(
                withSum(
                    key,
                    StatItems.of(key, v, UNITS.get(key), Map.of()),
                    v.stream().mapToDouble(d -> d).sum()));
          }
        });
    if (runs > 0) {
      // No item without runs: a threshold on failed runs then fails for want of data.
      items.add(StatItems.count(FAILED_RUNS, failed, Map.of()));
    }
    if (ready > 0) {
      items.add(StatItems.count(PODS_WITHOUT_RUNS, withoutRuns.size(), Map.of()));
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        runs
            + " traffic runs of "
            + perPod.size()
            + " pods, "
            + failed
            + " failed (exit code not 0, or an error the tool reported)");
    if (!withoutRuns.isEmpty()) {
      notes.add(
          withoutRuns.size()
              + " of "
              + ready
              + " network-ready pods have no traffic run by the gather (still running, never"
              + " started, or no command): "
              + String.join(", ", withoutRuns.subList(0, Math.min(NAMED, withoutRuns.size())))
              + (withoutRuns.size() > NAMED ? ", ..." : ""));
    }
    if (window.fold().trafficErrors().total() > 0) {
      ErrorTally.Group top = window.fold().trafficErrors().groups().getFirst();
      notes.add("most frequent traffic error: " + top.count() + "x " + top.cause());
    }
    List<DataFile> files = new ArrayList<>();
    if (runs > 0) {
      files.add(new DataFile(PODS, perPod));
      notes.add("per-pod results: " + DataFiles.path(window, NAME, PODS));
    }
    SampleSets samples = new SampleSets(NAME);
    values.forEach((key, v) -> samples.add(Map.of("Metric", key), UNITS.get(key), v));
    notes.addAll(samples.notes(window));
    return new Summary(NAME, items, thresholds(params).check(items), notes)
        .withData(DataFiles.data(window, samples.sets(), List.of(), files));
  }

  @Override
  public Summary fromHistograms(Params params, HistogramWindow window) {
    List<DataItem> items = new ArrayList<>();
    Histogram bits = window.get(BITS);
    StatItems.histogram(BITS, bits, 1, UNITS.get(BITS), Map.of())
        .ifPresent(i -> items.add(withSum(BITS, i, bits.sum())));
    StatItems.histogram(JITTER, window.get(JITTER), 1000, UNITS.get(JITTER), Map.of())
        .ifPresent(items::add);
    StatItems.histogram(LOST, window.get(LOST), 100, UNITS.get(LOST), Map.of())
        .ifPresent(items::add);
    return new Summary(
        NAME,
        items,
        thresholds(params).check(items),
        List.of("retransmits, failed runs and per-pod results need per-pod records"));
  }

  // Throughput adds up across pods (aggregate bandwidth); so do retransmits. Jitter and loss do
  // not.
  private static DataItem withSum(String key, DataItem item, double sum) {
    if (!key.equals(BITS) && !key.equals(RETRANSMITS)) {
      return item;
    }
    Map<String, Double> data = new LinkedHashMap<>(item.data());
    data.put("Sum", sum);
    return new DataItem(data, item.unit(), item.labels());
  }
}
