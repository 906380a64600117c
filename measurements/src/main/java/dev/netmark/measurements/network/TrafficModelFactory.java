package dev.netmark.measurements.network;

/**
 * {@code TrafficModel {action: start|gather, namespaces?, labelSelector?, thresholds?}}: iperf3
 * throughput (with the aggregate sum), retransmits, jitter and loss over the pods' traffic runs,
 * and the runs that failed; {@code thresholds: {failed_runs: {Count: N}}} fails the test when more
 * than N did.
 */
public final class TrafficModelFactory extends NetworkFactory {
  @Override
  Analysis analysis() {
    return new TrafficModel();
  }
}
