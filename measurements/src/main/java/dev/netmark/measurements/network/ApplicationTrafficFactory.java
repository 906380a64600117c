package dev.netmark.measurements.network;

/**
 * {@code ApplicationTraffic {action: start|gather, namespaces?, labelSelector?, thresholds?,
 * minRequests?: 1}}: requests, errors (steady-state and during tier changes), request latency and
 * throughput per edge and per server tier of an application model, and service_ready per tier
 * (docs/design.md, "Application models"). Needs per-pod records.
 */
public final class ApplicationTrafficFactory extends NetworkFactory {
  @Override
  Analysis analysis() {
    return new ApplicationTraffic();
  }
}
