package dev.netmark.engine.measurement.builtin;

import dev.netmark.contract.ProbeTargets;
import dev.netmark.contract.ProbeTargets.ProbePolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * The note saying which probe classes run and what each checks, as the shims plan them from the
 * published targets (docs/design.md, "What is measured"): a reader of the summary sees whether the
 * service was pinged and which external checks ran.
 */
final class ProbeChecks {
  private ProbeChecks() {}

  /** E.g. {@code probe classes: same_node (ping), ..., service (3 HTTP GETs; ping off)}. */
  static String note(ProbeTargets t) {
    List<String> classes = new ArrayList<>();
    for (String c : t.policy().classes()) {
      classes.add(c + " (" + checks(c, t) + ")");
    }
    return "probe classes: " + String.join(", ", classes);
  }

  private static String checks(String probeClass, ProbeTargets t) {
    ProbePolicy p = t.policy();
    return switch (probeClass) {
      case "same_node" -> "ping";
      case "remote_node" -> {
        int k = Math.min(p.remoteNodes(), Math.max(0, t.controlPods().size() - 1));
        yield k == 0 ? "skipped: no other node" : "ping " + k + " other node" + (k == 1 ? "" : "s");
      }
      case "service" ->
          p.serviceHttpCount() + " HTTP GETs" + (p.servicePing() ? ", ping" : "; ping off");
      case "external" -> {
        List<String> c = new ArrayList<>();
        if (t.externalIp() != null) {
          c.add("ping");
        }
        if (t.externalUrl() != null) {
          c.add("HTTP GET");
        }
        yield String.join(", ", c);
      }
      default -> throw new IllegalArgumentException("unknown probe class " + probeClass);
    };
  }
}
