package dev.netmark.shim.metrics;

import dev.netmark.contract.MetricNames;
import dev.netmark.contract.RequestStats;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The application models' series (docs/design.md, "Application models"): requests by edge and
 * result, request latency by edge, service-ready by tier. Updated from REQUESTS and SERVICE_READY
 * events only, so they match the records.
 */
final class AppMetrics {
  /** The tier label of a SERVICE_READY replayed from the log: the record does not carry it. */
  static final String UNKNOWN_TIER = "unknown";

  private final Counter requests;
  private final Histogram latency;
  private final Histogram serviceReady;

  AppMetrics(PrometheusRegistry registry) {
    requests =
        Counter.builder()
            .withoutExemplars()
            .name(MetricNames.APP_REQUESTS)
            .help("Application requests by edge and result (ok or the error cause).")
            .labelNames(MetricNames.LABEL_EDGE, MetricNames.LABEL_RESULT)
            .register(registry);
    latency =
        Histogram.builder()
            .withoutExemplars()
            .name(MetricNames.APP_REQUEST_SECONDS)
            .help("Latency of answered application requests (send to the answer's last byte).")
            .classicOnly()
            .classicUpperBounds(MetricNames.BUCKETS_SECONDS)
            .labelNames(MetricNames.LABEL_EDGE)
            .register(registry);
    serviceReady =
        Histogram.builder()
            .withoutExemplars()
            .name(MetricNames.APP_SERVICE_READY_SECONDS)
            .help("A serving pod's network-ready to its first request through its Service VIP.")
            .classicOnly()
            .classicUpperBounds(MetricNames.BUCKETS_SECONDS)
            .labelNames(MetricNames.LABEL_TIER)
            .register(registry);
  }

  /**
   * One second of one edge. Beyond {@link RequestStats#MAX_SAMPLES} answers the histogram gets the
   * record's sample of latencies, the counter every answer.
   */
  void requests(RequestStats s) {
    if (s.answered() > 0) {
      requests.labelValues(s.edge(), "ok").inc(s.answered());
    }
    s.errors().forEach((cause, n) -> requests.labelValues(s.edge(), cause).inc(n));
    for (double ms : s.latencyMs()) {
      latency.labelValues(s.edge()).observe(ms / 1000.0);
    }
  }

  void serviceReady(String tier, Double seconds) {
    if (seconds != null) {
      serviceReady.labelValues(tier == null ? UNKNOWN_TIER : tier).observe(seconds);
    }
  }
}
