package dev.netmark.shim.cri;

import dev.netmark.contract.MetricNames;
import dev.netmark.shim.cri.api.PodSandboxConfig;

/** Tells netperf pods (label {@code netperf: "true"}) from every other pod. */
final class NetperfLabel {
  private NetperfLabel() {}

  /** Whether the sandbox config carries the netperf label with the value {@code "true"}. */
  static boolean isNetperf(PodSandboxConfig config) {
    return config != null && MetricNames.isNetperf(config.getLabelsMap());
  }
}
