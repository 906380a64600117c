package dev.netmark.shim.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * The {@code netmark_traffic_*} series. Throughput, jitter and loss are histograms across pods (one
 * observation per run) so a cluster-wide distribution can be read with {@code histogram_quantile};
 * retransmits are a counter so {@code rate()} works.
 */
final class TrafficMetrics {
  private final Counter runs;
  private final Histogram bitsPerSecond;
  private final Counter retransmits;
  private final Histogram jitter;
  private final Histogram lost;

  TrafficMetrics(PrometheusRegistry registry) {
    runs =
        Counter.builder()
            .withoutExemplars()
            .name(ShimMetrics.TRAFFIC_RUNS)
            .help("Traffic-model runs by result (success: exit code 0).")
            .labelNames("result")
            .register(registry);
    bitsPerSecond =
        Histogram.builder()
            .withoutExemplars()
            .name(ShimMetrics.TRAFFIC_BITS_PER_SECOND)
            .help("iperf3 throughput per run, receiver side.")
            .classicOnly()
            .classicUpperBounds(ShimMetrics.BUCKETS_BITS_PER_SECOND)
            .register(registry);
    retransmits =
        Counter.builder()
            .withoutExemplars()
            .name(ShimMetrics.TRAFFIC_RETRANSMITS)
            .help("TCP retransmits reported by iperf3.")
            .register(registry);
    jitter =
        Histogram.builder()
            .withoutExemplars()
            .name(ShimMetrics.TRAFFIC_JITTER_SECONDS)
            .help("iperf3 UDP jitter per run.")
            .classicOnly()
            .classicUpperBounds(ShimMetrics.BUCKETS_JITTER_SECONDS)
            .register(registry);
    lost =
        Histogram.builder()
            .withoutExemplars()
            .name(ShimMetrics.TRAFFIC_LOST_RATIO)
            .help("Packets lost per run (iperf3 UDP datagrams, ping echoes), as a ratio.")
            .classicOnly()
            .classicUpperBounds(ShimMetrics.BUCKETS_LOSS_RATIO)
            .register(registry);
    runs.labelValues("success");
    runs.labelValues("failure");
  }

  void observe(Map<String, Double> results) {
    Double exit = results.get(TrafficKeys.EXIT_CODE);
    runs.labelValues(exit != null && exit == 0 ? "success" : "failure").inc();
    ifPresent(results, TrafficKeys.BITS_PER_SECOND, bitsPerSecond::observe);
    ifPresent(results, TrafficKeys.RETRANSMITS, retransmits::inc);
    ifPresent(results, TrafficKeys.JITTER_MS, v -> jitter.observe(v / 1000.0));
    ifPresent(results, TrafficKeys.LOST_PERCENT, v -> lost.observe(v / 100.0));
  }

  private static void ifPresent(Map<String, Double> results, String key, DoubleConsumer sink) {
    Double value = results.get(key);
    if (value != null && Double.isFinite(value) && value >= 0) {
      sink.accept(value);
    }
  }
}
