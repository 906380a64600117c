package dev.netmark.shim.probe;

import dev.netmark.contract.ProbeTargets;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The checks of each probe class for one pod, from the current targets and policy. A class with
 * nothing to check here (no other node has a control pod, no service configured) is left out and
 * named in {@link #skipped}, so it does not hold back network-ready forever.
 */
record CheckPlan(Map<String, List<Check>> classes, Map<String, String> skipped) {

  static CheckPlan of(ProbeTargets t, String node, Random random) {
    Map<String, List<Check>> classes = new LinkedHashMap<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    for (String cls : t.policy().classes()) {
      List<Check> checks =
          switch (cls) {
            case "same_node" -> pings(t.controlPods().getOrDefault(node, List.of()));
            case "remote_node" -> remote(t, node, random);
            case "service" -> service(t);
            case "external" -> external(t);
            default -> throw new IllegalArgumentException("unknown probe class " + cls);
          };
      if (checks.isEmpty()) {
        skipped.put(cls, reason(cls, node));
      } else {
        classes.put(cls, List.copyOf(checks));
      }
    }
    return new CheckPlan(classes, skipped);
  }

  /** This plan without the given classes (they failed before probing began). */
  CheckPlan without(java.util.Set<String> gone) {
    Map<String, List<Check>> kept = new LinkedHashMap<>(classes);
    kept.keySet().removeAll(gone);
    return new CheckPlan(kept, skipped);
  }

  private static List<Check> remote(ProbeTargets t, String node, Random random) {
    List<String> others = new ArrayList<>(t.controlPods().keySet());
    others.remove(node);
    Collections.sort(others); // a stable order before shuffling keeps a seeded Random reproducible
    Collections.shuffle(others, random);
    List<String> ips = new ArrayList<>();
    for (String other : others.subList(0, Math.min(t.policy().remoteNodes(), others.size()))) {
      List<String> pods = t.controlPods().get(other);
      ips.add(pods.get(random.nextInt(pods.size())));
    }
    return pings(ips);
  }

  private static List<Check> service(ProbeTargets t) {
    List<Check> checks = new ArrayList<>();
    if (t.serviceIp() == null) {
      return checks;
    }
    checks.add(new HttpCheck(t.serviceIp(), t.servicePort(), "/", t.policy().serviceHttpCount()));
    if (t.policy().servicePing()) {
      checks.addAll(pings(List.of(t.serviceIp())));
    }
    return checks;
  }

  private static List<Check> external(ProbeTargets t) {
    List<Check> checks = new ArrayList<>();
    if (t.externalIp() != null) {
      checks.addAll(pings(List.of(t.externalIp())));
    }
    if (t.externalUrl() != null) {
      URI uri = URI.create(t.externalUrl());
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      if (uri.getRawQuery() != null) {
        path += "?" + uri.getRawQuery();
      }
      String host = uri.getHost();
      if (host.startsWith("[")) {
        host = host.substring(1, host.length() - 1); // an IPv6 literal
      }
      checks.add(new HttpCheck(host, uri.getPort() < 0 ? 80 : uri.getPort(), path, 1));
    }
    return checks;
  }

  private static List<Check> pings(List<String> ips) {
    List<Check> checks = new ArrayList<>();
    for (String ip : ips) {
      // Validated as a literal already: ofLiteral never resolves names.
      checks.add(new IcmpCheck(InetAddress.ofLiteral(ip)));
    }
    return checks;
  }

  private static String reason(String cls, String node) {
    return switch (cls) {
      case "same_node" -> "no control pod on node " + node;
      case "remote_node" -> "no control pod on any other node";
      case "service" -> "no control service";
      default -> "no external target";
    };
  }
}
