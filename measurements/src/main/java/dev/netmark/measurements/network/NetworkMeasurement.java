package dev.netmark.measurements.network;

import dev.netmark.api.Measurement;
import dev.netmark.api.MeasurementContext;
import dev.netmark.api.MetricSource;
import dev.netmark.api.MetricSource.Coverage;
import dev.netmark.api.MetricSource.Cursor;
import dev.netmark.api.MetricSource.EventBatch;
import dev.netmark.api.MetricSource.Histogram;
import dev.netmark.api.NetmarkException;
import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.SloViolation;
import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The machinery the network measurements share: {@code start} remembers where the shims' record
 * logs are (or snapshots histograms when the source has no records) and, when needed, starts
 * following the pods in the API; {@code gather} reads what was recorded since, keeps the selected
 * pods' events, folds them per pod and hands them to the {@link Analysis}.
 */
final class NetworkMeasurement implements Measurement {
  private final MeasurementContext context;
  private final Analysis analysis;
  private final InstantSource clock;
  private WindowSpec spec;
  private long startMs;
  private Cursor cursor;
  private Map<String, Histogram> startSnapshots;
  private PodDirectory pods;

  NetworkMeasurement(MeasurementContext context, Analysis analysis, InstantSource clock) {
    this.context = context;
    this.analysis = analysis;
    this.clock = clock;
  }

  @Override
  public List<Summary> execute(Params params) throws InterruptedException {
    WindowSpec parsed = WindowSpec.parse(params);
    analysis.validate(params);
    if (parsed.action().equals(WindowSpec.START)) {
      start(params, parsed);
      return List.of();
    }
    if (spec == null) {
      throw new NetmarkException(
          params.path()
              + ": "
              + analysis.name()
              + " gather without a start for the same identifier");
    }
    try {
      return List.of(gather(params, parsed));
    } finally {
      dispose();
      spec = null;
    }
  }

  private void start(Params params, WindowSpec parsed) throws InterruptedException {
    if (spec != null) {
      throw params.error("action", analysis.name() + " was already started");
    }
    MetricSource source = context.metrics();
    startMs = clock.millis();
    startSnapshots = null; // a start after a gather begins a new window
    cursor = null;
    // The end of every shim's log, in one request each, whatever the history.
    EventBatch tail = source.tail();
    if (tail.available()) {
      cursor = tail.next();
    } else if (analysis.histograms().isEmpty()) {
      throw new NetmarkException(
          analysis.name()
              + " needs per-pod records, which this metric source does not have;"
              + " use --metric-source direct or proxy");
    } else {
      startSnapshots = snapshot(source);
    }
    if (tail.available() && (parsed.labelSelector() != null || analysis.needsPods())) {
      String selector = parsed.labelSelector() != null ? parsed.labelSelector() : netperfPods();
      pods = PodDirectory.start(context.kube(), selector);
    }
    spec = parsed;
  }

  private Summary gather(Params params, WindowSpec gatherSpec) throws InterruptedException {
    long gatherMs = clock.millis();
    Set<String> namespaces =
        new HashSet<>(spec.namespaces() != null ? spec.namespaces() : context.namespaces());
    List<String> notes = new ArrayList<>();
    Summary result;
    Coverage coverage;
    if (startSnapshots != null) {
      Map<String, Histogram> deltas = new LinkedHashMap<>();
      Map<String, Histogram> now = snapshot(context.metrics());
      now.forEach((key, h) -> deltas.put(key, BucketQuantile.delta(h, startSnapshots.get(key))));
      notes.addAll(SourceNotes.histograms(startSnapshots, now, spec));
      coverage = now.isEmpty() ? null : SourceNotes.coverage(now);
      result = analysis.fromHistograms(params, new HistogramWindow(startMs, gatherMs, deltas));
    } else {
      Set<String> existing = pods == null ? null : pods.refresh();
      Predicate<PodEvent> selected = selection(namespaces);
      PodFold fold = new PodFold();
      EventReader.Drain drain =
          EventReader.drain(
              context.metrics(),
              cursor,
              e -> {
                if (selected.test(e)) {
                  fold.accept(e);
                }
              });
      notes.addAll(SourceNotes.records(drain, fold, namespaces, spec, pods));
      coverage = drain.coverage();
      Window window =
          new Window(
              startMs,
              gatherMs,
              fold,
              pods,
              existing,
              context.reportDir(),
              context.testName(),
              context::kube);
      result = analysis.exact(params, window);
    }
    notes.addAll(result.notes());
    List<SloViolation> violations = new ArrayList<>(result.violations());
    minCoverage(gatherSpec, notes).check(coverage).ifPresent(violations::add);
    return new Summary(result.name(), result.dataItems(), violations, notes, result.data());
  }

  // Given at gather, at start, or neither (every node must answer); both: the later one wins.
  private MinCoverage minCoverage(WindowSpec gatherSpec, List<String> notes) {
    if (gatherSpec.minCoverage() != null && spec.minCoverage() != null) {
      notes.add(
          MinCoverage.KEY
              + " given at start and at gather; the gather's applies, as the later one");
    }
    if (gatherSpec.minCoverage() != null) {
      return gatherSpec.minCoverage();
    }
    return spec.minCoverage() != null ? spec.minCoverage() : MinCoverage.ALL;
  }

  private Predicate<PodEvent> selection(Set<String> namespaces) {
    Predicate<PodEvent> inNamespace = e -> namespaces.contains(e.namespace());
    if (spec.labelSelector() == null) {
      return inNamespace;
    }
    Set<String> uids = pods.uidsIn(namespaces);
    return inNamespace.and(e -> uids.contains(e.uid()));
  }

  private Map<String, Histogram> snapshot(MetricSource source) throws InterruptedException {
    Map<String, Histogram> out = new LinkedHashMap<>();
    for (Series s : analysis.histograms()) {
      out.put(s.key(), source.histogram(s.metric(), s.labels()));
    }
    return out;
  }

  private static String netperfPods() {
    return MetricNames.NETPERF_LABEL + "=" + MetricNames.NETPERF_VALUE;
  }

  @Override
  public void dispose() {
    if (pods != null) {
      pods.close();
      pods = null;
    }
  }
}
