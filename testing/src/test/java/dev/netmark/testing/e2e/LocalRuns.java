package dev.netmark.testing.e2e;

import java.util.ArrayList;
import java.util.List;

/** The {@code netmark run} arguments that put a run on its own local cluster. */
final class LocalRuns {
  private LocalRuns() {}

  /**
   * {@code --provider local} with {@code nodes} nodes, prefix {@code prefix} and address ranges
   * {@code 10.BASE..BASE+3}, reports to {@code reportDir}, then {@code sets} as {@code --set}.
   */
  static List<String> args(String prefix, int base, int nodes, String reportDir, String... sets) {
    List<String> a = new ArrayList<>(List.of("--provider", "local", "--report-dir", reportDir));
    for (String opt :
        List.of(
            "nodes=" + nodes,
            "prefix=" + prefix,
            "cluster-cidr=10." + base + ".0.0/16",
            "link-cidr=10." + (base + 1) + ".0.0/16",
            "service-cidr=10." + (base + 2) + ".0.0/16",
            "external-cidr=10." + (base + 3) + ".0.0/24")) {
      a.addAll(List.of("--provider-opt", opt));
    }
    for (String s : sets) {
      a.addAll(List.of("--set", s));
    }
    return a;
  }

  /**
   * As {@link #args} for a config with the usual size knobs: {@code NODES} and {@code
   * PODS_PER_NODE} set to the cluster's size and {@code POD_QPS} to {@code qps}, then {@code more}.
   */
  static List<String> sized(
      String prefix,
      int base,
      String reportDir,
      int nodes,
      int podsPerNode,
      int qps,
      String... more) {
    List<String> sets =
        new ArrayList<>(
            List.of("NODES=" + nodes, "PODS_PER_NODE=" + podsPerNode, "POD_QPS=" + qps));
    sets.addAll(List.of(more));
    return args(prefix, base, nodes, reportDir, sets.toArray(String[]::new));
  }
}
