package dev.netmark.bench.density;

import java.nio.file.Path;
import java.util.List;

/**
 * A benchmark's own local-mode network, apart from every other run's: its prefix and four /16s from
 * {@code 10.BASE} on (cluster, links, services, and a /24 for the external target).
 */
public record DensityNetwork(String prefix, int base) {
  /** probe-density's: prefix {@code npd}, 10.205-208.x.x. */
  static final DensityNetwork PROBE_DENSITY = new DensityNetwork("npd", 205);

  /** Where local mode keeps a run's state ({@code FabricSpec}'s default state root). */
  Path runDir() {
    return Path.of("/run/netmark-local", prefix);
  }

  /** {@code netmark run} options for {@code nodes} nodes on this network. */
  List<String> runOptions(int nodes) {
    return List.of(
        "--nodes",
        Integer.toString(nodes),
        "--provider-opt",
        "prefix=" + prefix,
        "--provider-opt",
        "cluster-cidr=10." + base + ".0.0/16",
        "--provider-opt",
        "link-cidr=10." + (base + 1) + ".0.0/16",
        "--provider-opt",
        "service-cidr=10." + (base + 2) + ".0.0/16",
        "--provider-opt",
        "external-cidr=10." + (base + 3) + ".0.0/24",
        // A JVM per node's shim, as a node runs it: their CPU is read from /proc per process.
        "--provider-opt",
        "shims=processes");
  }

  /** Node {@code i}'s shim record log (1-based), as local mode lays out its state. */
  Path records(int i) {
    String node = prefix + "-node" + i;
    return runDir().resolve(node).resolve("shim").resolve("records.jsonl");
  }
}
