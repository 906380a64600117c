package dev.netmark.bench.density;

import java.nio.file.Path;
import java.util.List;

/** The probe-density benchmark's own network names and ranges, apart from every other run's. */
final class DensityNetwork {
  static final String PREFIX = "npd";

  /** Where local mode keeps a run's state ({@code FabricSpec}'s default state root). */
  static final Path RUN_DIR = Path.of("/run/netmark-local", PREFIX);

  private DensityNetwork() {}

  /** {@code netmark run} options for {@code nodes} nodes on this network. */
  static List<String> runOptions(int nodes) {
    return List.of(
        "--nodes",
        Integer.toString(nodes),
        "--provider-opt",
        "prefix=" + PREFIX,
        "--provider-opt",
        "cluster-cidr=10.205.0.0/16",
        "--provider-opt",
        "link-cidr=10.206.0.0/16",
        "--provider-opt",
        "service-cidr=10.207.0.0/16",
        "--provider-opt",
        "external-cidr=10.208.0.0/24");
  }

  /** Node {@code i}'s shim record log (1-based), as local mode lays out its state. */
  static Path records(int i) {
    String node = PREFIX + "-node" + i;
    return RUN_DIR.resolve(node).resolve("shim").resolve("records.jsonl");
  }
}
