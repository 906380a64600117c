package dev.netmark.measurements.network;

/**
 * {@code TrafficModel {action: start|gather, namespaces?, labelSelector?, thresholds?}}: iperf3
 * throughput (with the aggregate sum), retransmits, jitter and loss over the pods' traffic runs,
 * the runs that failed and the network-ready pods without a run; {@code thresholds: {failed_runs:
 * {Count: N}, pods_without_runs: {Count: M}}} fails the test when more than N runs failed or more
 * than M such pods had no run by the gather.
 */
public final class TrafficModelFactory extends NetworkFactory {
  @Override
  Analysis analysis() {
    return new TrafficModel();
  }
}
