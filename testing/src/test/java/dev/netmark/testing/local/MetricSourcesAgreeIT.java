package dev.netmark.testing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.netmark.api.Measurement;
import dev.netmark.api.MeasurementContext;
import dev.netmark.api.MetricSource;
import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import dev.netmark.contract.EventKind;
import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import dev.netmark.fixtures.NetperfPods;
import dev.netmark.measurements.network.NetworkReadyLatencyFactory;
import dev.netmark.measurements.source.DirectMetricSourceFactory;
import dev.netmark.measurements.source.ProxyMetricSourceFactory;
import dev.netmark.measurements.source.prometheus.PrometheusMetricSourceFactory;
import dev.netmark.testing.local.host.MachineSnapshot;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's acceptance test: one local run (2 nodes, 20 netperf pods), NetworkReadyLatency through
 * {@code direct}, {@code proxy} (the local API server's node proxy) and {@code prometheus} (a real
 * Prometheus scraping the real shims every second). Direct and proxy read the same records, so
 * their exact percentiles are identical; Prometheus has only histograms, and each of its
 * percentiles must lie in the shim bucket that holds the exact (nearest-rank) value: nearest rank
 * {@code ceil(q n)} and histogram_quantile's rank {@code q n} select the same bucket, inside which
 * it interpolates.
 */
class MetricSourcesAgreeIT {
  private static final String PREFIX = "nph";
  private static final int BASE = 160;
  private static final int PODS = 20;
  private static final String NS = "nph-agree";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  /** Interpolation at a bucket's edge can land a float rounding step outside it. */
  private static final double ROUNDING_MS = 1e-9;

  private static final List<String> STATS = List.of("Perc50", "Perc90", "Perc99", "Max");

  /** What a measurement may use; the engine's own context does the same for a run. */
  private record Context(KubernetesClient kube, MetricSource metrics, Path reportDir)
      implements MeasurementContext {
    @Override
    public String testName() {
      return "sources-agree";
    }

    @Override
    public List<String> namespaces() {
      return List.of(NS);
    }
  }

  @Test
  void directProxyAndPrometheusAgreeOnTheSameRun(@TempDir Path reports) throws Exception {
    MachineSnapshot before = Clusters.snapshot(PREFIX, BASE);
    LocalCluster c =
        LocalCluster.start(LocalClusterSpec.of(Clusters.fabric(PREFIX, BASE, 2).build()));
    PrometheusServer prometheus = null;
    try {
      KubernetesClient kube = c.client();
      Clusters.deployControlPlane(kube, c);
      // Every histogram read waits for a scrape newer than itself: a short interval keeps the
      // 7 reads of a start or gather short.
      prometheus = PrometheusServer.start(shimTargets(kube), Duration.ofMillis(500));
      prometheus.awaitTargetsUp(2, Duration.ofSeconds(30));
      MetricSource direct = new DirectMetricSourceFactory().create(kube, Map.of());
      Map<String, MetricSource> sources = new LinkedHashMap<>();
      sources.put("direct", direct);
      sources.put("proxy", new ProxyMetricSourceFactory().create(kube, Map.of()));
      sources.put(
          "prometheus",
          new PrometheusMetricSourceFactory()
              .create(
                  kube,
                  Map.of(
                      "url",
                      prometheus.url(),
                      "selector",
                      "job=\"" + PrometheusServer.JOB + "\"",
                      "scrape-wait",
                      "10s")));
      Map<String, Measurement> measurements = new LinkedHashMap<>();
      for (var e : sources.entrySet()) {
        Path dir = Files.createDirectories(reports.resolve(e.getKey()));
        Measurement m =
            new NetworkReadyLatencyFactory().create(new Context(kube, e.getValue(), dir));
        m.execute(Params.of(Map.of("action", "start")));
        measurements.put(e.getKey(), m);
      }

      kube.resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
          .create();
      for (int i = 0; i < PODS; i++) {
        kube.resource(NetperfPods.of(NS, "np-" + i)).create();
      }
      for (int i = 0; i < PODS; i++) {
        Clusters.await(kube, NS, "np-" + i, Clusters::running, READY_TIMEOUT);
      }
      awaitNetworkReady(direct);

      Map<String, Summary> summaries = new LinkedHashMap<>();
      for (var e : measurements.entrySet()) {
        summaries.put(
            e.getKey(), e.getValue().execute(Params.of(Map.of("action", "gather"))).getFirst());
      }
      Map<String, Map<String, Double>> exact = items(summaries.get("direct"));
      Map<String, Map<String, Double>> viaProxy = items(summaries.get("proxy"));
      Map<String, Map<String, Double>> fromProm = items(summaries.get("prometheus"));
      assertThat(summaries.get("direct").notes()).anyMatch(n -> n.startsWith("source: exact"));
      assertThat(summaries.get("proxy").notes()).anyMatch(n -> n.startsWith("source: exact"));
      assertThat(summaries.get("prometheus").notes())
          .anyMatch(n -> n.startsWith("source: histograms"))
          .contains("coverage: 2 of 2 nodes answered");
      assertThat(viaProxy).isEqualTo(exact);

      List<String> latencies =
          List.of(
              "cni_add",
              "cni_add_total",
              "probe_same_node",
              "probe_remote_node",
              "probe_service",
              "probe_external",
              "network_ready",
              "probe_wait");
      assertThat(fromProm.keySet()).containsExactlyInAnyOrderElementsOf(latencies);
      for (String metric : latencies) {
        double[] bounds = bucketBoundsMillis(direct, metric);
        assertThat(fromProm.get(metric).get("Count")).as(metric).isEqualTo((double) PODS);
        assertThat(exact.get(metric).get("Count")).as(metric).isEqualTo((double) PODS);
        for (String stat : STATS) {
          double want = exact.get(metric).get(stat);
          double got = fromProm.get(metric).get(stat);
          double[] bucket = bucketOf(bounds, want);
          assertThat(got)
              .as(
                  "%s %s: exact %.3f ms lies in bucket (%s, %s] ms",
                  metric, stat, want, bucket[0], bucket[1])
              .isBetween(bucket[0] - ROUNDING_MS, bucket[1] + ROUNDING_MS);
          // Prometheus's own histogram_quantile over the same buckets gives the same number.
          // Valid because the shims observed nothing for netperf pods before start.
          double q = stat.equals("Max") ? 1.0 : Double.parseDouble(stat.substring(4)) / 100;
          double promql =
              prometheus.value(
                  "histogram_quantile("
                      + q
                      + ", sum by (le) ("
                      + seriesName(metric)
                      + "_bucket"
                      + selector(metric)
                      + "))");
          System.out.printf(
              "agreement %-18s %-6s exact %9.3f ms  source %9.3f ms  histogram_quantile %9.3f ms"
                  + "  bucket (%s, %s]%n",
              metric, stat, want, got, promql * 1000, bucket[0], bucket[1]);
          assertThat(got)
              .as("%s %s vs histogram_quantile", metric, stat)
              .isCloseTo(promql * 1000, within(1e-6));
        }
      }
      kube.namespaces().withName(NS).delete();
    } finally {
      try {
        if (prometheus != null) {
          prometheus.close();
        }
      } finally {
        c.close();
      }
    }
    assertThat(before.differences(Clusters.snapshot(PREFIX, BASE))).isEmpty();
  }

  /** {@code ip:port} of every node's shim, by node name. */
  private static Map<String, String> shimTargets(KubernetesClient kube) {
    Map<String, String> out = new TreeMap<>();
    for (Node n : kube.nodes().list().getItems()) {
      String ip =
          n.getStatus().getAddresses().stream()
              .filter(a -> a.getType().equals("InternalIP"))
              .findFirst()
              .orElseThrow()
              .getAddress();
      String port = n.getMetadata().getAnnotations().get(MetricNames.ANNOTATION_SHIM_PORT);
      out.put(n.getMetadata().getName(), ip + ":" + port);
    }
    return out;
  }

  /** Waits until every pod has its NETWORK_READY record, so all sources see finished pods. */
  private static void awaitNetworkReady(MetricSource source) throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    MetricSource.Cursor cursor = MetricSource.Cursor.START;
    Set<String> ready = new HashSet<>();
    while (System.nanoTime() < deadline) {
      MetricSource.EventBatch b = source.events(cursor);
      cursor = b.next();
      for (PodEvent e : b.events()) {
        if (e.kind() == EventKind.NETWORK_READY && e.namespace().equals(NS)) {
          ready.add(e.uid());
        }
      }
      if (ready.size() == PODS) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(ready.size() + " of " + PODS + " pods network-ready");
  }

  /** The shims' bucket bounds of a metric, in ms, from one direct scrape. */
  private static double[] bucketBoundsMillis(MetricSource direct, String metric)
      throws InterruptedException {
    double[] seconds = direct.histogram(seriesName(metric), seriesLabels(metric)).upperBounds();
    double[] ms = new double[seconds.length];
    for (int i = 0; i < seconds.length; i++) {
      ms[i] = seconds[i] * 1000;
    }
    return ms;
  }

  private static String seriesName(String metric) {
    return switch (metric) {
      case "cni_add" -> MetricNames.CNI_ADD_SECONDS;
      case "cni_add_total" -> MetricNames.CNI_ADD_TOTAL_SECONDS;
      case "network_ready" -> MetricNames.NETWORK_READY_SECONDS;
      case "probe_wait" -> MetricNames.PROBE_WAIT_SECONDS;
      default -> MetricNames.PROBE_SECONDS;
    };
  }

  private static Map<String, String> seriesLabels(String metric) {
    return metric.startsWith("probe_") && !metric.equals(MetricNames.PROBE_WAIT)
        ? Map.of(MetricNames.LABEL_TARGET, metric.substring("probe_".length()))
        : Map.of();
  }

  private static String selector(String metric) {
    StringBuilder out = new StringBuilder("{job=\"" + PrometheusServer.JOB + "\"");
    seriesLabels(metric)
        .forEach((k, v) -> out.append(",").append(k).append("=\"").append(v).append("\""));
    return out.append("}").toString();
  }

  /** {lower, upper} of the bucket (lower, upper] that holds {@code value}. */
  private static double[] bucketOf(double[] bounds, double value) {
    double lower = 0;
    for (double upper : bounds) {
      if (value <= upper) {
        return new double[] {lower, upper};
      }
      lower = upper;
    }
    throw new AssertionError(value + " beyond every bucket");
  }

  private static Map<String, Map<String, Double>> items(Summary s) {
    Map<String, Map<String, Double>> out = new TreeMap<>();
    for (DataItem i : s.dataItems()) {
      out.put(i.labels().get("Metric"), i.data());
    }
    return out;
  }
}
