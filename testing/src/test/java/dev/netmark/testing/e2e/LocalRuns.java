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
}
