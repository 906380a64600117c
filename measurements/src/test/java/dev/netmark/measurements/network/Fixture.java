package dev.netmark.measurements.network;

import dev.netmark.api.MeasurementContext;
import dev.netmark.api.MetricSource;
import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/** A measurement under test: a context over fixed parts and a clock the test moves. */
final class Fixture {
  /** 2023-11-14T22:13:20Z, a whole second, so API creation timestamps can be exact. */
  static final long S = 1_700_000_000_000L;

  record Context(
      KubernetesClient kubeOrNull, MetricSource source, List<String> namespaces, Path reportDir)
      implements MeasurementContext {
    @Override
    public KubernetesClient kube() {
      if (kubeOrNull == null) {
        throw new AssertionError("this measurement must not need the API here");
      }
      return kubeOrNull;
    }

    @Override
    public MetricSource metrics() {
      return source;
    }

    @Override
    public String testName() {
      return "t";
    }
  }

  static final class Clock implements InstantSource {
    long ms = S;

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(ms);
    }
  }

  final Clock clock = new Clock();
  final NetworkMeasurement measurement;

  Fixture(Analysis analysis, MeasurementContext context) {
    measurement = new NetworkMeasurement(context, analysis, clock);
  }

  /** A fixture over no records in namespace {@code nm-1}: for what {@code start} alone decides. */
  static Fixture empty(Analysis analysis, Path reportDir) {
    return new Fixture(
        analysis, new Context(null, RecordedSource.of(List.of()), List.of("nm-1"), reportDir));
  }

  /** {@code start} with {@code thresholds} as its only other parameter. */
  void startWithThresholds(Map<String, Object> thresholds) throws InterruptedException {
    measurement.execute(Params.of(with(Map.of("thresholds", thresholds), "start")));
  }

  /** Starts at {@link #S} (records up to then exist) and gathers at {@code gatherMs}. */
  Summary run(
      RecordedSource source,
      long gatherMs,
      Map<String, Object> startParams,
      Map<String, Object> gatherParams)
      throws InterruptedException {
    clock.ms = S;
    if (source != null) {
      source.visibleBefore(S);
    }
    measurement.execute(Params.of(with(startParams, "start")));
    clock.ms = gatherMs;
    if (source != null) {
      source.visibleBefore(Long.MAX_VALUE);
    }
    return measurement.execute(Params.of(with(gatherParams, "gather"))).getFirst();
  }

  static Map<String, Object> with(Map<String, Object> params, String action) {
    var m = new java.util.LinkedHashMap<>(params);
    m.put("action", action);
    return m;
  }

  /** The item with these labels, e.g. {@code Metric=network_ready}. */
  static DataItem item(Summary s, String... labelPairs) {
    return s.dataItems().stream()
        .filter(
            i -> {
              for (int k = 0; k < labelPairs.length; k += 2) {
                if (!labelPairs[k + 1].equals(i.labels().get(labelPairs[k]))) {
                  return false;
                }
              }
              return true;
            })
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no item " + List.of(labelPairs) + " in " + s.dataItems()));
  }
}
