package dev.netmark.measurements.network;

/**
 * {@code TrafficModel {action: start|gather, namespaces?, labelSelector?}}: iperf3 throughput (with
 * the aggregate sum), retransmits, jitter and loss over the pods' traffic runs.
 */
public final class TrafficModelFactory extends NetworkFactory {
  @Override
  Analysis analysis() {
    return new TrafficModel();
  }
}
