package dev.netmark.testing.local.fabric;

import dev.netmark.testing.local.host.Exec;
import dev.netmark.testing.local.host.Ipv4;
import dev.netmark.testing.local.host.Netns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the namespaces, veths, bridge, addresses, routes and node nat rules of a {@link
 * FabricPlan}, registering an undo step for each before it exists so a half-built fabric is torn
 * down as well as a whole one.
 *
 * <pre>
 *  host ns: PREFIX-host ──┐                         ┌── eth0 PREFIX-ext (external target)
 *  PREFIX-fabric ns:  bridge "fabric" (router IP) ──┤ "ext" (external router IP)
 *                     ├── node1 ── eth0 PREFIX-node1 ns ── CNI bridge ── pods
 *                     └── nodeN ── eth0 PREFIX-nodeN ns ── CNI bridge ── pods
 * </pre>
 *
 * Every node routes each other node's pod CIDR via that node's link address, and the external and
 * service CIDRs via the fabric router (service traffic is DNAT-ed before it gets there); the
 * external target knows only the link subnet, so pods reach it only through their node's
 * masquerade.
 */
final class Topology {
  /** The pod LAN device of a node, a master for macvlan or ipvlan ({@link #podLan}). */
  static final String POD_LAN = "podlan";

  private Topology() {}

  /**
   * Gives every node a pod LAN, for chains whose pods hang off a master device (macvlan, ipvlan): a
   * veth pair inside the node, {@link #POD_LAN} (up, no address: the master) and {@code podlan-gw}
   * holding the pod CIDR's gateway address. A macvlan child cannot talk to its master's own
   * addresses, so with eth0 as master pods would bypass the node; through the pair they reach the
   * node's stack at their gateway (routes to other nodes, service DNAT, masquerade), as a host's
   * macvlan shim interface gives them on a real node. It goes with the node's namespace.
   */
  static void podLan(FabricPlan plan) throws InterruptedException {
    for (NodePlan n : plan.nodes()) {
      batch(
          n.name(),
          List.of(
              "link add " + POD_LAN + " type veth peer name " + POD_LAN + "-gw",
              "addr add " + n.gateway() + "/" + n.podCidr().prefix() + " dev " + POD_LAN + "-gw",
              "link set " + POD_LAN + " up",
              "link set " + POD_LAN + "-gw up"));
    }
  }

  static void build(FabricPlan plan, Teardown teardown) throws InterruptedException {
    String fabric = plan.fabricNetns();
    String ext = plan.externalNetns();
    int linkLen = plan.spec().linkCidr().prefix();
    int extLen = plan.spec().externalCidr().prefix();

    NeighbourTable.size(
        new NeighbourClaims(
            NeighbourClaims.DIR, () -> NeighbourTable.current(NeighbourTable.SYSCTLS)),
        NeighbourTable.SYSCTLS,
        plan.spec().prefix(),
        plan.nodes().size(),
        teardown);
    List<String> namespaces = new ArrayList<>(List.of(fabric, ext));
    plan.nodes().forEach(n -> namespaces.add(n.name()));
    for (String ns : namespaces) {
      teardown.add("network namespace " + ns, () -> deleteNetns(ns));
    }
    List<String> host = new ArrayList<>();
    namespaces.forEach(ns -> host.add("netns add " + ns));
    for (NodePlan n : plan.nodes()) {
      host.add(
          "link add eth0 netns "
              + n.name()
              + " type veth peer name node"
              + n.index()
              + " netns "
              + fabric);
    }
    host.add("link add eth0 netns " + ext + " type veth peer name ext netns " + fabric);
    teardown.add("link " + plan.hostLink(), () -> Exec.run("ip", "link", "del", plan.hostLink()));
    host.add("link add " + plan.hostLink() + " type veth peer name host netns " + fabric);
    batch(null, host);

    List<String> f = new ArrayList<>(List.of("link set lo up", "link add fabric type bridge"));
    f.add("addr add " + Ipv4.format(plan.routerIp()) + "/" + linkLen + " dev fabric");
    f.add("link set fabric up");
    plan.nodes().forEach(n -> f.add("link set node" + n.index() + " master fabric up"));
    f.add("link set host master fabric up");
    f.add("addr add " + Ipv4.format(plan.externalRouterIp()) + "/" + extLen + " dev ext");
    f.add("link set ext up");
    batch(fabric, f);
    forwarding(fabric);

    for (NodePlan n : plan.nodes()) {
      List<String> c = new ArrayList<>(List.of("link set lo up"));
      c.add("addr add " + n.ip() + "/" + linkLen + " dev eth0");
      c.add("link set eth0 up");
      for (NodePlan other : plan.nodes()) {
        if (other != n) {
          c.add("route add " + other.podCidr() + " via " + other.ip());
        }
      }
      c.add("route add " + plan.spec().externalCidr() + " via " + Ipv4.format(plan.routerIp()));
      // Without any route a VIP fails with "network unreachable" before OUTPUT's DNAT runs; real
      // nodes have a default route for that.
      c.add("route add " + plan.spec().serviceCidr() + " via " + Ipv4.format(plan.routerIp()));
      batch(n.name(), c);
      forwarding(n.name());
      String rules =
          NatRules.base(
              plan.prefix(),
              n.podCidr().toString(),
              plan.spec().clusterCidr().toString(),
              plan.spec().serviceCidr().toString());
      Exec.run(
              Map.of(),
              rules,
              List.of("nsenter", "--net=" + Netns.path(n.name()), "iptables-restore", "--noflush"))
          .orThrow();
    }

    batch(
        ext,
        List.of(
            "link set lo up",
            "addr add " + plan.externalAddress() + "/" + extLen + " dev eth0",
            "link set eth0 up",
            "route add "
                + plan.spec().linkCidr()
                + " via "
                + Ipv4.format(plan.externalRouterIp())));

    List<String> h = new ArrayList<>();
    h.add("addr add " + plan.hostAddress() + "/" + linkLen + " dev " + plan.hostLink());
    h.add("link set " + plan.hostLink() + " up");
    batch(null, h);
    for (NodePlan n : plan.nodes()) {
      String cidr = n.podCidr().toString();
      teardown.add(
          "host route " + cidr,
          () -> Exec.run("ip", "route", "del", cidr, "via", n.ip(), "dev", plan.hostLink()));
      Exec.check("ip", "route", "add", cidr, "via", n.ip(), "dev", plan.hostLink());
    }
  }

  /** Runs {@code ip -batch} with {@code commands}, in {@code netns} when not null. */
  static void batch(String netns, List<String> commands) throws InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("ip"));
    if (netns != null) {
      cmd.addAll(List.of("-n", netns));
    }
    cmd.addAll(List.of("-batch", "-"));
    Exec.run(Map.of(), String.join("\n", commands) + "\n", cmd).orThrow();
  }

  /** Turns on IPv4 forwarding; a thread inside the namespace sees that namespace's sysctls. */
  private static void forwarding(String netns) throws InterruptedException {
    Netns.call(netns, () -> Files.writeString(Path.of("/proc/sys/net/ipv4/ip_forward"), "1\n"));
  }

  private static void deleteNetns(String ns) throws InterruptedException {
    if (Files.exists(Netns.path(ns))) {
      Exec.check("ip", "netns", "del", ns);
    }
  }
}
