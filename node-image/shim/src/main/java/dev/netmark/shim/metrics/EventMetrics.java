package dev.netmark.shim.metrics;

import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns pod events into metric updates. The only writer of {@link ShimMetrics}: live events and the
 * replay of the record log at start-up go through the same code, so metrics and records agree even
 * across shim restarts. Not thread-safe; {@link PodRecorder} serializes calls.
 */
final class EventMetrics {
  private final ShimMetrics metrics;
  private final Map<String, PodState> states = new HashMap<>();

  EventMetrics(ShimMetrics metrics) {
    this.metrics = metrics;
  }

  void apply(PodEvent event) {
    apply(event, null);
  }

  /**
   * @param tier the serving pod's tier for a live SERVICE_READY (replayed ones do not carry it)
   */
  void apply(PodEvent event, String tier) {
    Map<String, Double> s = event.seconds();
    switch (event.kind()) {
      case ADD_FAILED -> {
        metrics.addAttempts.labelValues("failure").inc();
        transition(event.uid(), PodState.ADD_FAILED);
      }
      case ADD -> {
        metrics.addAttempts.labelValues("success").inc();
        observe(metrics.cniAdd, s.get(MetricNames.CNI_ADD));
        observe(metrics.cniAddTotal, s.get(MetricNames.CNI_ADD_TOTAL));
        transition(event.uid(), PodState.PROBING);
      }
      case PROBE ->
          s.forEach(
              (key, value) -> {
                String target = ProbeEvents.targetOfKey(key);
                if (target != null) {
                  metrics.probe.labelValues(target).observe(value);
                }
              });
      case PROBE_FAILED -> {
        String target = ProbeEvents.targetOfError(event.error());
        metrics.probeFailures.labelValues(target == null ? "unknown" : target).inc();
        transition(event.uid(), PodState.UNREADY);
      }
      case NETWORK_READY -> {
        observe(metrics.networkReady, s.get(MetricNames.NETWORK_READY));
        observe(metrics.probeWait, s.get(MetricNames.PROBE_WAIT));
        metrics.podsNetworkReady.inc();
        transition(event.uid(), PodState.READY);
      }
      case TRAFFIC -> metrics.traffic.observe(event.traffic());
      case DEL -> {
        observe(metrics.cniDel, s.get(MetricNames.CNI_DEL));
        transition(event.uid(), PodState.STOPPED);
      }
      case DEL_FAILED -> {
        metrics.delFailures.inc();
        transition(event.uid(), PodState.STOPPED);
      }
      case REMOVED -> transition(event.uid(), null);
      case REQUESTS -> {
        if (event.requests() != null) {
          metrics.app.requests(event.requests());
        }
      }
      case SERVICE_READY -> metrics.app.serviceReady(tier, s.get(MetricNames.SERVICE_READY));
    }
  }

  private static void observe(io.prometheus.metrics.core.metrics.Histogram histogram, Double v) {
    if (v != null) {
      histogram.observe(v);
    }
  }

  private void transition(String uid, PodState next) {
    PodState previous = next == null ? states.remove(uid) : states.put(uid, next);
    if (previous != null) {
      metrics.netperfPods.labelValues(previous.label()).dec();
    }
    if (next != null) {
      metrics.netperfPods.labelValues(next.label()).inc();
    }
  }
}
