package dev.netmark.shim.traffic;

import dev.netmark.contract.ProbeTargets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Turns a {@link Placeholder} into an address from the current probe targets. */
final class PlaceholderResolver {
  private PlaceholderResolver() {}

  static String resolve(Placeholder p, ProbeTargets t, String node, Random random) {
    return switch (p) {
      case CONTROL_SAME_NODE -> sameNode(t, node);
      case CONTROL_REMOTE -> remote(t, node, random);
      case SERVICE -> need(t.serviceIp(), p, "serviceIp");
      case EXTERNAL -> need(t.externalIp(), p, "externalIp");
      case CONTROL_SAME_NODE_URL -> url(sameNode(t, node), t.controlHttpPort());
      case CONTROL_REMOTE_URL -> url(remote(t, node, random), t.controlHttpPort());
      case SERVICE_URL -> url(need(t.serviceIp(), p, "serviceIp"), t.servicePort());
      case EXTERNAL_URL -> need(t.externalUrl(), p, "externalUrl");
    };
  }

  private static String sameNode(ProbeTargets t, String node) {
    List<String> pods = t.controlPods().get(node);
    if (pods == null || pods.isEmpty()) {
      throw new TrafficRefusedException(
          Placeholder.CONTROL_SAME_NODE.token() + ": no control pod on node " + node);
    }
    return pods.get(0);
  }

  private static String remote(ProbeTargets t, String node, Random random) {
    List<String> others = new ArrayList<>(t.controlPods().keySet());
    others.remove(node);
    if (others.isEmpty()) {
      throw new TrafficRefusedException(
          Placeholder.CONTROL_REMOTE.token() + ": no control pod on any node other than " + node);
    }
    Collections.sort(others);
    List<String> pods = t.controlPods().get(others.get(random.nextInt(others.size())));
    return pods.get(random.nextInt(pods.size()));
  }

  private static String need(String value, Placeholder p, String field) {
    if (value == null) {
      throw new TrafficRefusedException(p.token() + ": the probe targets have no " + field);
    }
    return value;
  }

  private static String url(String ip, int port) {
    return "http://" + (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port + "/";
  }
}
