package dev.netmark.shim.metrics;

import static dev.netmark.contract.MetricNames.BUCKETS_SECONDS;

import dev.netmark.contract.MetricNames;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The shim's Prometheus series, all in one private registry. Only {@link PodRecorder} writes them
 * (through {@link EventMetrics}), so they always match the record log.
 *
 * <p>Histograms are classic only (no native histograms) with {@link MetricNames#BUCKETS_SECONDS}.
 * No series samples exemplars (the shim has no trace context to take them from): exemplar sampling
 * costs a scheduler thread and a sampler per series (docs/performance.md, shim-footprint).
 */
public final class ShimMetrics {
  /** Throughput buckets in bit/s: 1 Mbit/s to 100 Gbit/s in 1-2.5-5 steps. */
  static final double[] BUCKETS_BITS_PER_SECOND = {
    1e6, 2.5e6, 5e6, 1e7, 2.5e7, 5e7, 1e8, 2.5e8, 5e8, 1e9, 2.5e9, 5e9, 1e10, 2.5e10, 5e10, 1e11
  };

  /** Jitter buckets in seconds: 10 µs to 100 ms. */
  static final double[] BUCKETS_JITTER_SECONDS = {
    1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3, 1e-2, 2.5e-2, 5e-2, 1e-1
  };

  /** Loss ratio buckets: 0.01 % to 100 %. */
  static final double[] BUCKETS_LOSS_RATIO = {1e-4, 1e-3, 1e-2, 0.05, 0.1, 0.25, 0.5, 1.0};

  public static final String PROBE_FAILURES = "netmark_probe_failures_total";
  public static final String CNI_DEL_FAILURES = "netmark_cni_del_failures_total";
  public static final String TRAFFIC_RUNS = "netmark_traffic_runs_total";
  public static final String TRAFFIC_BITS_PER_SECOND = "netmark_traffic_bits_per_second";
  public static final String TRAFFIC_RETRANSMITS = "netmark_traffic_retransmits_total";
  public static final String TRAFFIC_JITTER_SECONDS = "netmark_traffic_jitter_seconds";
  public static final String TRAFFIC_LOST_RATIO = "netmark_traffic_lost_ratio";

  final PrometheusRegistry registry = new PrometheusRegistry();
  final Histogram cniAdd = seconds(MetricNames.CNI_ADD_SECONDS, "Successful CNI ADD chain.");
  final Histogram cniAddTotal =
      seconds(
          MetricNames.CNI_ADD_TOTAL_SECONDS,
          "First ADD attempt start to first successful ADD, across kubelet retries.");
  final Histogram networkReady =
      seconds(
          MetricNames.NETWORK_READY_SECONDS,
          "First ADD attempt start to every readiness probe class succeeded.");
  final Histogram probe =
      Histogram.builder()
          .withoutExemplars()
          .name(MetricNames.PROBE_SECONDS)
          .help("Successful ADD to the send time of the answered attempts of a probe class.")
          .classicOnly()
          .classicUpperBounds(BUCKETS_SECONDS)
          .labelNames(MetricNames.LABEL_TARGET)
          .register(registry);
  final Histogram probeWait =
      seconds(
          MetricNames.PROBE_WAIT_SECONDS,
          "Successful ADD to the start of probing (waiting for the probe targets).");
  final Histogram cniDel =
      seconds(MetricNames.CNI_DEL_SECONDS, "StopPodSandbox to DEL chain done.");
  final Counter addAttempts =
      Counter.builder()
          .withoutExemplars()
          .name(MetricNames.CNI_ADD_ATTEMPTS)
          .help("CNI ADD attempts by result (success or failure).")
          .labelNames(MetricNames.LABEL_RESULT)
          .register(registry);
  final Counter podsNetworkReady =
      Counter.builder()
          .withoutExemplars()
          .name(MetricNames.PODS_NETWORK_READY)
          .help("Pods whose readiness probes all succeeded.")
          .register(registry);
  final Counter probeFailures =
      Counter.builder()
          .withoutExemplars()
          .name(PROBE_FAILURES)
          .help("Probe classes that gave up after their timeout.")
          .labelNames(MetricNames.LABEL_TARGET)
          .register(registry);
  final Counter delFailures =
      Counter.builder()
          .withoutExemplars()
          .name(CNI_DEL_FAILURES)
          .help("Failed CNI DEL chains.")
          .register(registry);
  final Gauge netperfPods =
      Gauge.builder()
          .withoutExemplars()
          .name(MetricNames.NETPERF_PODS)
          .help("netperf pods on this node by state.")
          .labelNames(MetricNames.LABEL_STATE)
          .register(registry);
  final TrafficMetrics traffic = new TrafficMetrics(registry);
  final AppMetrics app = new AppMetrics(registry);

  /** Creates the series, with zero values for every known label value so they exist at once. */
  public ShimMetrics() {
    addAttempts.labelValues("success");
    addAttempts.labelValues("failure");
    for (String target : MetricNames.PROBE_TARGETS) {
      probe.labelValues(target);
      probeFailures.labelValues(target);
    }
    for (PodState state : PodState.values()) {
      netperfPods.labelValues(state.label()).set(0);
    }
  }

  /** The registry to expose; read-only use (scraping) only. */
  public PrometheusRegistry registry() {
    return registry;
  }

  private Histogram seconds(String name, String help) {
    return Histogram.builder()
        .withoutExemplars()
        .name(name)
        .help(help)
        .classicOnly()
        .classicUpperBounds(BUCKETS_SECONDS)
        .register(registry);
  }
}
