package dev.netmark.measurements.network;

import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import dev.netmark.api.Summary.SloViolation;
import dev.netmark.api.Thresholds;
import dev.netmark.measurements.network.PodRecord.Timed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code PodFlux}: the latencies under churn, per phase of the window (to see them drift as the
 * cluster fills and empties), failed ADDs, probes and DELs by cause, and leaks: pods gone from the
 * API whose CNI DEL never completed, so their IP is still allocated.
 */
final class PodFlux implements Analysis {
  static final String NAME = "PodFlux";
  private static final int TOP_CAUSES = 3;

  static final String ADD_FAILURES = "add_failures";
  static final String PROBE_FAILURES = "probe_failures";
  static final String DEL_FAILURES = "del_failures";
  static final String LEAKED_PODS = "leaked_pods";

  /** The counts a threshold may limit, besides the latencies' percentiles. */
  static final List<String> COUNTS =
      List.of(ADD_FAILURES, PROBE_FAILURES, DEL_FAILURES, LEAKED_PODS);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void validate(Params params) {
    Phases.parse(params);
    thresholds(params);
  }

  /**
   * Percentiles of the latencies, and the {@code Count} of failed calls and leaked pods: {@code
   * thresholds: {network_ready: {Perc99: 5s}, leaked_pods: {Count: 0}}}.
   */
  private static Thresholds thresholds(Params params) {
    Map<String, List<String>> statistics = new LinkedHashMap<>();
    LatencyMetrics.RECORDED.forEach(m -> statistics.put(m, StatItems.STATISTICS));
    COUNTS.forEach(m -> statistics.put(m, StatItems.COUNT_STATISTICS));
    return Thresholds.parse(params, statistics);
  }

  @Override
  public boolean needsPods() {
    return true; // which pods still exist, for leaks
  }

  @Override
  public List<Series> histograms() {
    return LatencyMetrics.series();
  }

  @Override
  public Summary exact(Params params, Window window) {
    long[] edges = Phases.parse(params).edges(window.startMs(), window.gatherMs());
    Thresholds thresholds = thresholds(params);
    List<List<Map.Entry<String, Double>>> byPhase = new ArrayList<>();
    for (int i = 0; i < edges.length - 1; i++) {
      byPhase.add(new ArrayList<>());
    }
    LatencyMetrics.samples(window.fold().pods())
        .forEach(
            (key, timed) -> {
              for (Timed t : timed) {
                byPhase.get(Phases.index(edges, t.wallMs())).add(Map.entry(key, t.millis()));
              }
            });
    List<DataItem> items = new ArrayList<>();
    List<SloViolation> violations = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    SampleSets samples = new SampleSets(NAME);
    for (int i = 0; i < byPhase.size(); i++) {
      String phase = String.valueOf(i + 1);
      Map<String, List<Double>> millis = new LinkedHashMap<>();
      LatencyMetrics.RECORDED.forEach(k -> millis.put(k, new ArrayList<>()));
      byPhase.get(i).forEach(e -> millis.get(e.getKey()).add(e.getValue()));
      List<DataItem> phaseItems = LatencyMetrics.items(millis, Map.of("Phase", phase));
      samples.addMillis(millis, Map.of("Phase", phase));
      items.addAll(phaseItems);
      thresholds.checkPresent(phaseItems).forEach(v -> violations.add(inPhase(v, phase)));
      notes.add(
          String.format(
              "phase %s: %.1f s to %.1f s after start, %d samples",
              phase,
              (edges[i] - edges[0]) / 1000.0,
              (edges[i + 1] - edges[0]) / 1000.0,
              byPhase.get(i).size()));
    }
    PodFold fold = window.fold();
    Leaks leaks = Leaks.find(fold, window.existing());
    List<DataItem> counts =
        List.of(
            StatItems.count(ADD_FAILURES, fold.addErrors().total(), Map.of()),
            StatItems.count(PROBE_FAILURES, fold.probeErrors().total(), Map.of()),
            StatItems.count(DEL_FAILURES, fold.delErrors().total(), Map.of()),
            StatItems.count(LEAKED_PODS, leaks.pods().size(), Map.of()));
    violations.addAll(thresholds.checkPresent(counts));
    items.addAll(counts);
    // A phase without samples of a metric is normal (the last one may only delete); no data in
    // the whole window is not.
    violations.addAll(thresholds.missing(items));
    notes.add(causes("failed ADD attempts", fold.addErrors()));
    notes.add(causes("failed probes", fold.probeErrors()));
    notes.add(causes("failed DELs", fold.delErrors()));
    notes.add(leaks.describe());
    notes.addAll(samples.notes(window));
    return new Summary(NAME, items, violations, notes).withData(samples.data(window));
  }

  @Override
  public Summary fromHistograms(Params params, HistogramWindow window) {
    List<DataItem> items = LatencyMetrics.items(window, Map.of("Phase", "all"));
    Thresholds thresholds = thresholds(params);
    return new Summary(
        NAME,
        items,
        thresholds.check(items),
        List.of(
            "phases, failures by cause and leaks need per-pod records; from histograms only the"
                + " whole window's latencies (Phase=all)"));
  }

  private static SloViolation inPhase(SloViolation v, String phase) {
    return new SloViolation(
        v.metric() + " (phase " + phase + ")", v.statistic(), v.threshold(), v.actual(), v.unit());
  }

  private static String causes(String what, ErrorTally tally) {
    StringBuilder b = new StringBuilder(what).append(": ").append(tally.total());
    List<ErrorTally.Group> groups = tally.groups();
    for (int i = 0; i < Math.min(TOP_CAUSES, groups.size()); i++) {
      ErrorTally.Group g = groups.get(i);
      b.append(i == 0 ? " (" : "; ").append(g.count()).append("x ").append(g.cause());
    }
    return groups.isEmpty() ? b.toString() : b.append(')').toString();
  }
}
