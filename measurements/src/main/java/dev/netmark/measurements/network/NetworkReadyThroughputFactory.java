package dev.netmark.measurements.network;

/**
 * {@code NetworkReadyThroughput {action: start|gather, namespaces?, labelSelector?, span?:
 * ready|window}}: network-ready pods per second overall and per node, and a per-second time series
 * written under the report directory's {@code data/}.
 */
public final class NetworkReadyThroughputFactory extends NetworkFactory {
  @Override
  Analysis analysis() {
    return new NetworkReadyThroughput();
  }
}
