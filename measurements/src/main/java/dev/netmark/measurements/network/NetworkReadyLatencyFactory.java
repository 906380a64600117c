package dev.netmark.measurements.network;

/**
 * {@code NetworkReadyLatency {action: start|gather, namespaces?, labelSelector?, thresholds?,
 * requireConsistent?: true}}: Perc50/90/99/Max of {@code cni_add}, {@code cni_add_total}, {@code
 * probe_<target>}, {@code network_ready}, {@code create_to_network_ready} and {@code cni_del} over
 * the selected pods between start and gather; exact from the shims' records, from histograms when
 * the metric source has none.
 */
public final class NetworkReadyLatencyFactory extends NetworkFactory {
  @Override
  Analysis analysis() {
    return new NetworkReadyLatency();
  }
}
