package dev.netmark.testing.local.fabric;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The iptables nat rules of a node namespace, as {@code iptables-restore --noflush} input. They
 * live only inside the node's namespace and vanish with it; the host's rules are never touched.
 */
final class NatRules {
  private NatRules() {}

  /** The chain every service rule hangs off, e.g. {@code NML-SERVICES}. */
  static String servicesChain(String prefix) {
    return prefix.toUpperCase(Locale.ROOT) + "-SERVICES";
  }

  /**
   * The node's base rules: jumps to the services chain for traffic from pods (PREROUTING) and from
   * the node itself (OUTPUT), as kube-proxy hooks them; masquerade for traffic that leaves the
   * cluster CIDR (pods reaching the external target), and for service traffic DNAT-ed back to a pod
   * on the same bridge, whose reply would otherwise skip the un-DNAT and be dropped.
   *
   * <p>Traffic to a VIP that no rule DNAT-ed (a service with no ready endpoint, or not programmed
   * yet) is rejected, as kube-proxy rejects a service without endpoints: the client reads
   * "connection refused". Routed on instead, to the router that answers "network unreachable", its
   * SYN would leave a conntrack entry without DNAT in the node for 2 minutes, and a later
   * connection that happens to reuse the client's source port would follow that entry, not the
   * service's endpoints, and fail the same way. Rejected before POSTROUTING, the entry is never
   * confirmed.
   */
  static String base(String prefix, String podCidr, String clusterCidr, String serviceCidr) {
    String services = servicesChain(prefix);
    String post = prefix.toUpperCase(Locale.ROOT) + "-POSTROUTING";
    String unserved = prefix.toUpperCase(Locale.ROOT) + "-NO-ENDPOINTS";
    return String.join(
        "\n",
        "*nat",
        ":" + services + " - [0:0]",
        ":" + post + " - [0:0]",
        "-A PREROUTING -j " + services,
        "-A OUTPUT -j " + services,
        "-A POSTROUTING -j " + post,
        "-A "
            + post
            + " -s "
            + podCidr
            + " -d "
            + podCidr
            + " -m conntrack --ctstate DNAT -j MASQUERADE",
        "-A " + post + " -s " + clusterCidr + " ! -d " + clusterCidr + " -j MASQUERADE",
        "COMMIT",
        "*filter",
        ":" + unserved + " - [0:0]",
        "-A FORWARD -j " + unserved,
        "-A OUTPUT -j " + unserved,
        "-A "
            + unserved
            + " -d "
            + serviceCidr
            + " -m conntrack ! --ctstate DNAT -j REJECT --reject-with icmp-port-unreachable",
        "COMMIT",
        "");
  }

  /**
   * Rewrites the services chain for {@code services} (VIP:port to endpoint ip:port list), one chain
   * per service spreading new connections evenly with the statistic match, as kube-proxy does:
   * endpoint k of n is chosen with probability 1/(n-k), the last one always. Unlike kube-proxy's
   * iptables mode, a VIP also answers ping: one more chain per VIP DNATs ICMP echo requests to its
   * endpoints' addresses, spread the same way, so the shims' service ping reaches a control pod.
   */
  static String services(String prefix, Map<String, List<String>> services) {
    return services(prefix, services, Map.of());
  }

  /**
   * As {@link #services(String, Map)}, replacing what {@code previous} wrote: the per-service and
   * per-VIP chains it had beyond the new ones are flushed and deleted in the same transaction, as
   * kube-proxy deletes stale chains, so the table holds only the current services.
   */
  static String services(
      String prefix, Map<String, List<String>> services, Map<String, List<String>> previous) {
    String chain = servicesChain(prefix);
    StringBuilder head = new StringBuilder("*nat\n:" + chain + " - [0:0]\n");
    StringBuilder body = new StringBuilder();
    Map<String, Set<String>> pingTargets = new LinkedHashMap<>();
    int n = 0;
    for (Map.Entry<String, List<String>> svc : services.entrySet()) {
      n++;
      String svcChain = chain.substring(0, chain.length() - "SERVICES".length()) + "SVC-" + n;
      String[] vip = svc.getKey().split(":");
      head.append(':').append(svcChain).append(" - [0:0]\n");
      body.append("-A ")
          .append(chain)
          .append(" -d ")
          .append(vip[0])
          .append("/32 -p tcp --dport ")
          .append(vip[1])
          .append(" -j ")
          .append(svcChain)
          .append('\n');
      List<String> eps = svc.getValue();
      spread(body, svcChain, "tcp", eps);
      pingTargets
          .computeIfAbsent(vip[0], v -> new LinkedHashSet<>())
          .addAll(eps.stream().map(ep -> ep.substring(0, ep.lastIndexOf(':'))).toList());
    }
    int m = 0;
    for (Map.Entry<String, Set<String>> ping : pingTargets.entrySet()) {
      String pingChain = chain.substring(0, chain.length() - "SERVICES".length()) + "PING-" + ++m;
      head.append(':').append(pingChain).append(" - [0:0]\n");
      body.append("-A ")
          .append(chain)
          .append(" -d ")
          .append(ping.getKey())
          .append("/32 -p icmp --icmp-type echo-request -j ")
          .append(pingChain)
          .append('\n');
      spread(body, pingChain, "icmp", List.copyOf(ping.getValue()));
    }
    String stem = chain.substring(0, chain.length() - "SERVICES".length());
    for (int k = services.size() + 1; k <= previous.size(); k++) {
      head.append(':').append(stem).append("SVC-").append(k).append(" - [0:0]\n");
      body.append("-X ").append(stem).append("SVC-").append(k).append('\n');
    }
    for (int k = m + 1; k <= vips(previous); k++) {
      head.append(':').append(stem).append("PING-").append(k).append(" - [0:0]\n");
      body.append("-X ").append(stem).append("PING-").append(k).append('\n');
    }
    return head.append(body).append("COMMIT\n").toString();
  }

  /** The VIPs that got a ping chain: those with at least one endpoint, counted once. */
  private static long vips(Map<String, List<String>> services) {
    return services.keySet().stream()
        .map(k -> k.substring(0, k.lastIndexOf(':')))
        .distinct()
        .count();
  }

  private static void spread(StringBuilder body, String chain, String proto, List<String> eps) {
    for (int k = 0; k < eps.size(); k++) {
      body.append("-A ").append(chain).append(" -p ").append(proto);
      if (k < eps.size() - 1) {
        body.append(
            String.format(
                Locale.ROOT,
                " -m statistic --mode random --probability %.5f",
                1.0 / (eps.size() - k)));
      }
      body.append(" -j DNAT --to-destination ").append(eps.get(k)).append('\n');
    }
  }
}
