package dev.netmark.measurements.network;

import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import dev.netmark.api.Summary.SloViolation;
import dev.netmark.api.Thresholds;
import dev.netmark.contract.MetricNames;
import dev.netmark.measurements.network.PodRecord.Timed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code NetworkReadyLatency}: percentiles of every per-pod latency of docs/design.md, "What is
 * measured" over the selected pods, checked against {@code thresholds}, plus a consistency check:
 * {@code network_ready} runs from the first ADD attempt's start, so it can never be shorter than
 * {@code cni_add}; a pod where it is points at a shim bug or clock trouble.
 */
final class NetworkReadyLatency implements Analysis {
  static final String NAME = "NetworkReadyLatency";
  static final String CONSISTENCY = "network_ready_consistency";
  static final List<String> METRICS = metrics();
  private static final int EXAMPLES = 5;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void validate(Params params) {
    Thresholds.parse(params, METRICS, StatItems.STATISTICS);
    params.bool("requireConsistent", true);
  }

  @Override
  public boolean needsPods() {
    return true; // creation timestamps for create_to_network_ready
  }

  @Override
  public List<Series> histograms() {
    return LatencyMetrics.series();
  }

  @Override
  public Summary exact(Params params, Window window) {
    Map<String, List<Double>> millis = new LinkedHashMap<>();
    LatencyMetrics.samples(window.fold().pods())
        .forEach((key, timed) -> millis.put(key, timed.stream().map(Timed::millis).toList()));
    List<Double> createToReady = new ArrayList<>();
    int readyWithoutCreation = 0;
    List<String> inconsistent = new ArrayList<>();
    for (PodRecord p : window.fold().pods()) {
      Timed ready = p.duration(MetricNames.NETWORK_READY);
      Timed add = p.duration(MetricNames.CNI_ADD);
      if (ready == null) {
        continue;
      }
      OptionalLong created = window.createdMs(p.uid());
      if (created.isPresent()) {
        createToReady.add((double) (ready.wallMs() - created.getAsLong()));
      } else {
        readyWithoutCreation++;
      }
      if (add != null && ready.seconds() < add.seconds()) {
        inconsistent.add(
            String.format(
                "%s/%s on %s (network_ready %.1f ms < cni_add %.1f ms)",
                p.namespace(), p.name(), p.node(), ready.millis(), add.millis()));
      }
    }
    millis.put(MetricNames.CREATE_TO_NETWORK_READY, createToReady);
    Map<String, List<Double>> ordered = reorder(millis);
    List<DataItem> items = LatencyMetrics.items(ordered, Map.of());
    List<SloViolation> violations = new ArrayList<>(thresholds(params).check(items));
    List<String> notes = new ArrayList<>();
    notes.add(samples(items));
    notes.add(
        "create_to_network_ready: the engine's create request (annotation "
            + MetricNames.ANNOTATION_CREATE_REQUEST_MS
            + ", engine clock; else creationTimestamp, whole seconds) to the NETWORK_READY record"
            + " (node clock); clock skew between them shifts it"
            + (readyWithoutCreation > 0
                ? "; " + readyWithoutCreation + " ready pods had no creation time in the API"
                : ""));
    notes.add(
        "consistency: "
            + inconsistent.size()
            + " pods with network_ready < cni_add"
            + (inconsistent.isEmpty()
                ? ""
                : ", e.g. "
                    + String.join(
                        "; ", inconsistent.subList(0, Math.min(EXAMPLES, inconsistent.size())))));
    if (!inconsistent.isEmpty() && params.bool("requireConsistent", true)) {
      violations.add(
          new SloViolation(CONSISTENCY, "InconsistentPods", 0, inconsistent.size(), "pods"));
    }
    SampleSets samples = new SampleSets(NAME).addMillis(ordered, Map.of());
    notes.addAll(samples.notes(window));
    return new Summary(NAME, items, violations, notes).withData(samples.data(window));
  }

  @Override
  public Summary fromHistograms(Params params, HistogramWindow window) {
    List<DataItem> items = LatencyMetrics.items(window, Map.of());
    List<String> notes = new ArrayList<>();
    notes.add(samples(items));
    notes.add(
        "create_to_network_ready and the consistency check need per-pod records; not available"
            + " from histograms");
    return new Summary(NAME, items, thresholds(params).check(items), notes);
  }

  private static Thresholds thresholds(Params params) {
    return Thresholds.parse(params, METRICS, StatItems.STATISTICS);
  }

  // create_to_network_ready goes right after network_ready, as in section 2.
  private static Map<String, List<Double>> reorder(Map<String, List<Double>> millis) {
    Map<String, List<Double>> out = new LinkedHashMap<>();
    METRICS.forEach(m -> out.put(m, millis.getOrDefault(m, List.of())));
    return out;
  }

  private static String samples(List<DataItem> items) {
    List<String> parts = new ArrayList<>();
    items.forEach(
        i -> parts.add(i.labels().get("Metric") + " " + i.data().get(StatItems.COUNT).intValue()));
    return "samples: " + (parts.isEmpty() ? "none" : String.join(", ", parts));
  }

  private static List<String> metrics() {
    List<String> out = new ArrayList<>(LatencyMetrics.RECORDED);
    out.add(out.indexOf(MetricNames.NETWORK_READY) + 1, MetricNames.CREATE_TO_NETWORK_READY);
    return List.copyOf(out);
  }
}
