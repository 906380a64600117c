package dev.netmark.testing.local;

import dev.netmark.contract.ProbeTargets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One probe class's raw-ping target for one pod (docs/design.md, "Raw baseline"): an address, or
 * why there is none.
 *
 * @param kind what the address is, for the report
 */
record RawPingTarget(String ip, String kind, String none) {
  static RawPingTarget of(String ip, String kind) {
    return new RawPingTarget(ip, kind, null);
  }

  static RawPingTarget none(String why) {
    return new RawPingTarget(null, null, why);
  }

  /**
   * Each class's raw-ping target for a pod on {@code node}, as netmark's prober picks them: the
   * node's control pod, one random other node's control pod (netmark pings K of them and takes the
   * latest), the service VIP when the policy pings it, the external IP. Classes the policy does not
   * run are left out; a class without a ping target says why.
   */
  static Map<String, RawPingTarget> all(ProbeTargets t, String node, Random random) {
    Map<String, RawPingTarget> out = new LinkedHashMap<>();
    for (String cls : t.policy().classes()) {
      out.put(
          cls,
          switch (cls) {
            case "same_node" -> {
              List<String> own = t.controlPods().getOrDefault(node, List.of());
              yield own.isEmpty()
                  ? RawPingTarget.none("no control pod on node " + node)
                  : RawPingTarget.of(own.getFirst(), "the node's control pod");
            }
            case "remote_node" -> {
              List<String> others = new ArrayList<>(t.controlPods().keySet());
              others.remove(node);
              others.removeIf(n -> t.controlPods().get(n).isEmpty());
              if (others.isEmpty()) {
                yield RawPingTarget.none("no control pod on any other node");
              }
              others.sort(null);
              List<String> pods = t.controlPods().get(others.get(random.nextInt(others.size())));
              yield RawPingTarget.of(
                  pods.get(random.nextInt(pods.size())), "one random other node's control pod");
            }
            case "service" ->
                t.serviceIp() == null
                    ? RawPingTarget.none("no control service")
                    : t.policy().servicePing()
                        ? RawPingTarget.of(t.serviceIp(), "the control service's VIP")
                        : RawPingTarget.none(
                            "the probe policy's servicePing is off: netmark checks the VIP by"
                                + " HTTP only");
            case "external" ->
                t.externalIp() == null
                    ? RawPingTarget.none(
                        "no external IP: netmark's external class checks the URL only")
                    : RawPingTarget.of(t.externalIp(), "the external IP");
            default -> RawPingTarget.none("unknown probe class " + cls);
          });
    }
    return out;
  }
}
