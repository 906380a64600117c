package dev.netmark.measurements.network;

import dev.netmark.api.DataFile;
import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import dev.netmark.api.Summary.SloViolation;
import dev.netmark.contract.MetricNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code ApplicationTraffic}: an application model's requests per edge and per server tier from the
 * client pods' REQUESTS records, with rollout errors told from steady-state ones by the tier
 * changes the engine published, and each serving pod's service_ready (docs/design.md, "Application
 * models").
 */
final class ApplicationTraffic implements Analysis {
  static final String NAME = "ApplicationTraffic";

  /** Latencies per edge kept in the samples file. */
  static final int MAX_SAMPLES = 10_000;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void validate(Params params) {
    TrafficThresholds.parse(params);
    // Only thresholds travel from start to gather; a minRequests there would silently do nothing.
    if (params.action().equals(WindowSpec.START) && params.has(TrafficThresholds.MIN_REQUESTS)) {
      throw params.error(
          TrafficThresholds.MIN_REQUESTS, "is read at gather; give it on the gather action");
    }
  }

  @Override
  public boolean needsPods() {
    return true; // tiers of serving pods, request timeouts of client commands
  }

  @Override
  public List<Series> histograms() {
    return List.of(); // per-edge seconds and rollout windows need the records
  }

  @Override
  public Summary exact(Params params, Window window) {
    TrafficThresholds limits = TrafficThresholds.parse(params);
    AppChanges changes = AppChanges.read(window.kube().get());
    Map<String, TrafficTally> edges = edges(window, changes);
    Map<String, TrafficTally> tiers = new TreeMap<>();
    edges.forEach(
        (name, t) ->
            tiers
                .computeIfAbsent(name.substring(name.indexOf("->") + 2), TrafficTally::new)
                .add(t));
    List<TrafficFile.ServicePod> servicePods = servicePods(window);
    Map<String, List<Double>> ready = new TreeMap<>();
    servicePods.forEach(
        p -> ready.computeIfAbsent(p.tier(), k -> new ArrayList<>()).add(p.serviceReadyMs()));
    List<DataItem> items = new ArrayList<>();
    edges.forEach(
        (name, t) -> items.addAll(TrafficItems.of(t, TrafficItems.edge(name), window.seconds())));
    // Thresholds apply to every edge and to service_ready; a tier's other items repeat its edges.
    List<DataItem> checked = new ArrayList<>(items);
    SampleSets samples = new SampleSets(NAME);
    Set<String> tierNames = new TreeSet<>(tiers.keySet());
    tierNames.addAll(ready.keySet());
    for (String tier : tierNames) {
      if (tiers.containsKey(tier)) {
        items.addAll(TrafficItems.of(tiers.get(tier), TrafficItems.tier(tier), window.seconds()));
      }
      if (ready.containsKey(tier)) {
        DataItem item =
            StatItems.millis(TrafficItems.SERVICE_READY, ready.get(tier), TrafficItems.tier(tier));
        items.add(item);
        checked.add(item);
        samples.add(item.labels(), "ms", ready.get(tier));
      }
    }
    List<String> notes = new ArrayList<>(TrafficNotes.lines(edges, changes, servicePods));
    long requests = edges.values().stream().mapToLong(t -> t.requests).sum();
    List<SloViolation> violations = limits.check(checked, requests, notes);
    List<DataFile> files = new ArrayList<>();
    if (!edges.isEmpty() || !servicePods.isEmpty()) {
      files.add(
          new DataFile(
              TrafficFile.KIND, TrafficFile.content(window, NAME, edges, changes, servicePods)));
      notes.add(
          "per-edge series, tier changes and per-pod service_ready: "
              + DataFiles.path(window, NAME, TrafficFile.KIND));
    }
    edges.forEach(
        (name, t) ->
            samples.add(
                Map.of("Metric", TrafficItems.REQUEST_LATENCY, TrafficItems.EDGE_LABEL, name),
                "ms",
                spread(t.latencyMs)));
    notes.addAll(samples.notes(window));
    return new Summary(NAME, items, violations, notes)
        .withData(DataFiles.data(window, samples.sets(), List.of(), files));
  }

  /** Each edge over every namespace, by name, its errors told apart by the tier changes. */
  private static Map<String, TrafficTally> edges(Window window, AppChanges changes) {
    Map<String, TrafficTally> edges = new TreeMap<>();
    window
        .fold()
        .requests()
        .edges()
        .forEach(
            (key, edge) ->
                edges
                    .computeIfAbsent(key.edge(), TrafficTally::new)
                    .add(
                        key,
                        edge,
                        changes,
                        window.pods().callTimeoutMs(key.namespace(), key.edge())));
    return edges;
  }

  /** Every pod with a SERVICE_READY record, with its tier ({@code unknown} without a label). */
  private static List<TrafficFile.ServicePod> servicePods(Window window) {
    List<TrafficFile.ServicePod> out = new ArrayList<>();
    for (PodRecord p : window.fold().pods()) {
      PodRecord.Timed t = p.duration(MetricNames.SERVICE_READY);
      if (t != null) {
        String tier = window.pods().tier(p.uid());
        out.add(
            new TrafficFile.ServicePod(
                p.namespace(), p.name(), tier == null ? "unknown" : tier, t.millis()));
      }
    }
    return out;
  }

  /**
   * At most {@link #MAX_SAMPLES} of an edge's latencies for the samples file, evenly spread over
   * the read order; the perfdash percentiles use every one.
   */
  static List<Double> spread(List<Double> values) {
    if (values.size() <= MAX_SAMPLES) {
      return values;
    }
    List<Double> out = new ArrayList<>(MAX_SAMPLES);
    for (int i = 0; i < MAX_SAMPLES; i++) {
      out.add(values.get((int) ((long) i * values.size() / MAX_SAMPLES)));
    }
    return out;
  }

  @Override
  public Summary fromHistograms(Params params, HistogramWindow window) {
    throw new IllegalStateException("unreachable: " + NAME + " has no histogram fallback");
  }
}
