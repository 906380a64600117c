package dev.netmark.bench.throughput;

import dev.netmark.testing.local.fabric.FabricSpec;
import java.util.List;

/**
 * The throughput benchmark's own network names and ranges, apart from every test's and other
 * benchmark's: both its raw fabric and its local-mode runs use them, one after the other.
 */
final class ThroughputNetwork {
  static final String PREFIX = "ntp";
  static final String CLUSTER_CIDR = "10.190.0.0/16";
  static final String LINK_CIDR = "10.191.0.0/16";
  static final String SERVICE_CIDR = "10.192.0.0/16";
  static final String EXTERNAL_CIDR = "10.193.0.0/24";
  static final int NODES = 3;

  private ThroughputNetwork() {}

  static FabricSpec fabric() {
    return FabricSpec.builder()
        .prefix(PREFIX)
        .nodes(NODES)
        .clusterCidr(CLUSTER_CIDR)
        .linkCidr(LINK_CIDR)
        .serviceCidr(SERVICE_CIDR)
        .externalCidr(EXTERNAL_CIDR)
        .build();
  }

  /** The same network as {@code netmark run} options. */
  static List<String> runOptions() {
    return List.of(
        "--nodes",
        Integer.toString(NODES),
        "--provider-opt",
        "prefix=" + PREFIX,
        "--provider-opt",
        "cluster-cidr=" + CLUSTER_CIDR,
        "--provider-opt",
        "link-cidr=" + LINK_CIDR,
        "--provider-opt",
        "service-cidr=" + SERVICE_CIDR,
        "--provider-opt",
        "external-cidr=" + EXTERNAL_CIDR);
  }
}
