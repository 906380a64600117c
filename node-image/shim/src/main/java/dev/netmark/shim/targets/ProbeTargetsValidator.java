package dev.netmark.shim.targets;

import dev.netmark.contract.AppTier;
import dev.netmark.contract.MetricNames;
import dev.netmark.contract.ProbeTargets;
import dev.netmark.contract.ProbeTargets.ProbePolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** Checks probe targets before the shim uses them; never resolves names (IPs must be literals). */
public final class ProbeTargetsValidator {
  static final long MAX_TIMEOUT_MS = 3_600_000;
  static final long MAX_INTERVAL_MS = 60_000;

  private ProbeTargetsValidator() {}

  /**
   * Every problem found, each naming the field and the value; empty when the targets are usable.
   */
  public static List<String> problems(ProbeTargets t) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : t.controlPods().entrySet()) {
      String field = "controlPods[" + e.getKey() + "]";
      if (e.getKey().isBlank()) {
        problems.add("controlPods: a node name is empty");
      }
      if (e.getValue() == null || e.getValue().isEmpty()) {
        problems.add(field + ": expected at least one control pod IP");
        continue;
      }
      for (int i = 0; i < e.getValue().size(); i++) {
        ip(problems, field + "[" + i + "]", e.getValue().get(i));
      }
    }
    if (!t.controlPods().isEmpty()) {
      port(problems, "controlHttpPort", t.controlHttpPort());
      port(problems, "controlIperfPort", t.controlIperfPort());
    }
    if (t.serviceIp() != null) {
      ip(problems, "serviceIp", t.serviceIp());
      port(problems, "servicePort", t.servicePort());
    }
    if (t.externalIp() != null) {
      ip(problems, "externalIp", t.externalIp());
    }
    if (t.externalUrl() != null) {
      url(problems, t.externalUrl());
    }
    policy(problems, t);
    t.applications().forEach((key, tier) -> application(problems, key, tier));
    return problems;
  }

  private static void policy(List<String> problems, ProbeTargets t) {
    ProbePolicy p = t.policy();
    if (p.remoteNodes() < 0) {
      problems.add("policy.remoteNodes: expected >= 0, found " + p.remoteNodes());
    }
    if (p.serviceHttpCount() < 1) {
      problems.add("policy.serviceHttpCount: expected >= 1, found " + p.serviceHttpCount());
    }
    if (p.intervalMs() < 1 || p.intervalMs() > MAX_INTERVAL_MS) {
      problems.add(
          "policy.intervalMs: expected 1.." + MAX_INTERVAL_MS + ", found " + p.intervalMs());
    }
    if (p.timeoutMs() < p.intervalMs() || p.timeoutMs() > MAX_TIMEOUT_MS) {
      problems.add(
          "policy.timeoutMs: expected intervalMs.." + MAX_TIMEOUT_MS + ", found " + p.timeoutMs());
    }
    var seen = new HashSet<String>();
    for (String c : p.classes()) {
      if (!MetricNames.PROBE_TARGETS.contains(c)) {
        problems.add(
            "policy.classes: unknown class '"
                + c
                + "', expected one of "
                + MetricNames.PROBE_TARGETS);
      } else if (!seen.add(c)) {
        problems.add("policy.classes: '" + c + "' listed twice");
      }
    }
    if (seen.contains("service") && t.serviceIp() == null) {
      problems.add("policy.classes: 'service' needs serviceIp");
    }
    if (seen.contains("external") && t.externalIp() == null && t.externalUrl() == null) {
      problems.add("policy.classes: 'external' needs externalIp or externalUrl");
    }
  }

  private static void application(List<String> problems, String key, AppTier tier) {
    String field = "applications[" + key + "]";
    int slash = key.indexOf('/');
    if (slash <= 0 || slash == key.length() - 1 || key.indexOf('/', slash + 1) >= 0) {
      problems.add(field + ": expected a key <namespace>/<tier>");
    }
    if (tier == null) {
      problems.add(field + ": expected an object");
      return;
    }
    port(problems, field + ".port", tier.port());
    if (!AppTier.SERVES.contains(tier.serves())) {
      problems.add(
          field + ".serves: expected one of " + AppTier.SERVES + ", found '" + tier.serves() + "'");
    }
    if (tier.serviceIp() != null) {
      ip(problems, field + ".serviceIp", tier.serviceIp());
    }
    for (int i = 0; i < tier.pods().size(); i++) {
      ip(problems, field + ".pods[" + i + "]", tier.pods().get(i));
    }
  }

  private static void ip(List<String> problems, String field, String value) {
    try {
      if (value == null) {
        throw new IllegalArgumentException("null");
      }
      InetAddress.ofLiteral(value);
    } catch (IllegalArgumentException e) {
      problems.add(field + ": expected an IP address literal, found '" + value + "'");
    }
  }

  private static void port(List<String> problems, String field, int port) {
    if (port < 1 || port > 65535) {
      problems.add(field + ": expected a port 1-65535, found " + port);
    }
  }

  private static void url(List<String> problems, String value) {
    try {
      URI uri = new URI(value);
      if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
        problems.add("externalUrl: expected http://host[:port]/path, found '" + value + "'");
      }
    } catch (URISyntaxException e) {
      problems.add("externalUrl: not a URL: " + e.getMessage());
    }
  }
}
