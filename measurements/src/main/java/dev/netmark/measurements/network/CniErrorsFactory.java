package dev.netmark.measurements.network;

/**
 * {@code CniErrors {action: start|gather, namespaces?, labelSelector?, top?: 10}}: failed CNI ADD
 * attempts grouped by normalised cause, the top N with plugin, CNI error code and counts. Needs a
 * metric source with per-pod records.
 */
public final class CniErrorsFactory extends NetworkFactory {
  @Override
  Analysis analysis() {
    return new CniErrors();
  }
}
