package dev.netmark.engine.measurement.builtin;

import dev.netmark.api.Measurement;
import dev.netmark.api.MeasurementContext;
import dev.netmark.api.MetricSource;
import dev.netmark.api.MetricSource.Cursor;
import dev.netmark.api.MetricSource.EventBatch;
import dev.netmark.api.NetmarkException;
import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.contract.MetricNames;
import dev.netmark.engine.kube.PodState;
import dev.netmark.engine.kube.PodTracker;
import dev.netmark.engine.measurement.EngineMeasurementContext;
import dev.netmark.engine.progress.Progress;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Waits until the shims report every selected pod network-ready. Pods come from a watch (the
 * tracker), readiness from the metric source's events, read incrementally every {@link
 * #POLL_INTERVAL}; each read also updates the progress line from what both already hold.
 */
final class WaitForNetworkReady implements Measurement {
  static final Duration POLL_INTERVAL = Duration.ofMillis(300);

  /** The parsed params. */
  record Spec(String labelSelector, Duration timeout) {
    static Spec parse(Params params) {
      Actions.require(params, "wait");
      Duration timeout = params.duration("timeout", Duration.ofMinutes(5));
      if (timeout.isNegative() || timeout.isZero()) {
        throw params.error("timeout", "must be positive, found " + timeout);
      }
      String selector =
          params.string(
              "labelSelector", MetricNames.NETPERF_LABEL + "=" + MetricNames.NETPERF_VALUE);
      return new Spec(selector, timeout);
    }
  }

  private final MeasurementContext context;
  private final Supplier<Cursor> from;

  /** Where the step is in the config: {@code steps[3].waitForNetworkReady}. */
  private static String label(Params params) {
    return params.path().replaceFirst("\\.params$", "");
  }

  /**
   * @param from where to start reading events: the run's start
   */
  WaitForNetworkReady(MeasurementContext context, Supplier<Cursor> from) {
    this.context = context;
    this.from = from;
  }

  @Override
  public List<Summary> execute(Params params) throws InterruptedException {
    Spec spec = Spec.parse(params);
    List<String> namespaces = context.namespaces();
    if (namespaces.isEmpty()) {
      throw new NetmarkException(
          params.path() + ": WaitForNetworkReady found no test namespaces to wait in");
    }
    MetricSource source = context.metrics();
    ReadySet ready = new ReadySet();
    long deadline = System.nanoTime() + spec.timeout().toNanos();
    Progress progress =
        context instanceof EngineMeasurementContext engine ? engine.progress() : Progress.silent();
    try (PodTracker pods = PodTracker.start(context.kube(), namespaces, spec.labelSelector());
        Progress.PodTask shown = progress.startPods(label(params))) {
      Cursor cursor = from.get();
      while (true) {
        EventBatch batch = source.events(cursor);
        if (!batch.available()) {
          throw new NetmarkException(
              "WaitForNetworkReady needs per-pod events, which this metric source does not have;"
                  + " use --metric-source direct or proxy");
        }
        ready.add(batch);
        cursor = batch.next();
        List<PodState> live = pods.snapshot().stream().filter(p -> !p.deleted()).toList();
        List<PodState> waiting = live.stream().filter(p -> !ready.isReady(p.uid())).toList();
        shown.update(ready.counts(live));
        if (waiting.isEmpty()) {
          return List.of(
              new Summary(
                  "WaitForNetworkReady",
                  List.of(),
                  List.of(),
                  List.of(
                      live.size()
                          + " pods matching '"
                          + spec.labelSelector()
                          + "' network-ready")));
        }
        if (System.nanoTime() >= deadline) {
          throw new NetmarkException(
              ready.timeoutMessage(spec, namespaces, live.size(), waiting, batch));
        }
        Thread.sleep(POLL_INTERVAL);
      }
    }
  }
}
