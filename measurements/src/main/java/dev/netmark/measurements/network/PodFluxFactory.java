package dev.netmark.measurements.network;

/**
 * {@code PodFlux {action: start|gather, namespaces?, labelSelector?, phases?: 3 | [30s, 1m],
 * thresholds?}}: latencies per phase of the window under churn, failed ADDs, probes and DELs by
 * cause, and pods deleted from the API whose CNI DEL never completed (leaked IPs).
 */
public final class PodFluxFactory extends NetworkFactory {
  @Override
  Analysis analysis() {
    return new PodFlux();
  }
}
