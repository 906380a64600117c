package dev.netmark.testing.local.fabric;

import dev.netmark.testing.local.host.Cidr;
import dev.netmark.testing.local.host.Ipv4;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every name and address of a fabric, worked out from its {@link FabricSpec} before anything is
 * created, so mistakes surface as messages and not as half-built networks.
 *
 * @param spec what was asked for
 * @param nodes the nodes in order
 * @param hostIp the host namespace's address on the link subnet (last usable one)
 * @param routerIp the fabric bridge's address, the nodes' way to the external subnet
 * @param externalIp the external target's address (first of the external CIDR)
 * @param externalRouterIp the fabric's address on the external subnet (last usable one)
 */
public record FabricPlan(
    FabricSpec spec,
    List<NodePlan> nodes,
    int hostIp,
    int routerIp,
    int externalIp,
    int externalRouterIp) {
  public FabricPlan {
    nodes = List.copyOf(nodes);
  }

  /**
   * Plans {@code spec}.
   *
   * @throws IllegalArgumentException when the ranges overlap or are too small for the nodes
   */
  public static FabricPlan of(FabricSpec spec) {
    Map<String, Cidr> ranges = ranges(spec);
    List<String> names = List.copyOf(ranges.keySet());
    for (int i = 0; i < names.size(); i++) {
      for (int j = i + 1; j < names.size(); j++) {
        Cidr a = ranges.get(names.get(i));
        Cidr b = ranges.get(names.get(j));
        if (a.overlaps(b)) {
          throw new IllegalArgumentException(
              names.get(i) + " " + a + " overlaps " + names.get(j) + " " + b);
        }
      }
    }
    Cidr link = spec.linkCidr();
    // Node i takes link address i; the router and the host take the last two usable ones.
    if (spec.nodes() + 3 > link.size()) {
      throw new IllegalArgumentException(
          "link CIDR "
              + link
              + " is too small for "
              + spec.nodes()
              + " nodes, the host and the router");
    }
    int podPrefix = spec.nodeCidrPrefix();
    if (podPrefix < spec.clusterCidr().prefix()
        || podPrefix > 30
        || spec.nodes() >= 1L << (podPrefix - spec.clusterCidr().prefix())) {
      throw new IllegalArgumentException(
          "cluster CIDR "
              + spec.clusterCidr()
              + " cannot give "
              + spec.nodes()
              + " nodes a /"
              + spec.nodeCidrPrefix()
              + " each (subnet 0 is left unused)");
    }
    if (spec.externalCidr().prefix() > 30) {
      throw new IllegalArgumentException(
          "external CIDR " + spec.externalCidr() + " needs at least a /30");
    }
    Path runDir = spec.stateRoot().resolve(spec.prefix());
    List<NodePlan> nodes = new ArrayList<>();
    for (int i = 1; i <= spec.nodes(); i++) {
      String name = spec.prefix() + "-node" + i;
      nodes.add(
          new NodePlan(
              i,
              name,
              spec.clusterCidr().subnet(i, spec.nodeCidrPrefix()),
              link.address(i),
              runDir.resolve(name)));
    }
    Cidr ext = spec.externalCidr();
    return new FabricPlan(
        spec,
        nodes,
        link.address(link.size() - 2),
        link.address(link.size() - 3),
        ext.address(1),
        ext.address(ext.size() - 2));
  }

  /** The ranges the fabric routes, by what they are for: checked against the host's routes. */
  public static Map<String, Cidr> ranges(FabricSpec spec) {
    Map<String, Cidr> ranges = new LinkedHashMap<>();
    ranges.put("cluster CIDR", spec.clusterCidr());
    ranges.put("node link CIDR", spec.linkCidr());
    ranges.put("service CIDR", spec.serviceCidr());
    ranges.put("external CIDR", spec.externalCidr());
    return ranges;
  }

  public String prefix() {
    return spec.prefix();
  }

  /** The run's state directory, {@code STATE_ROOT/PREFIX}. */
  public Path runDir() {
    return spec.stateRoot().resolve(spec.prefix());
  }

  /** The namespace holding the fabric bridge and the router. */
  public String fabricNetns() {
    return prefix() + "-fabric";
  }

  /** The external target's namespace. */
  public String externalNetns() {
    return prefix() + "-ext";
  }

  /** The host end of the veth to the fabric bridge. */
  public String hostLink() {
    return prefix() + "-host";
  }

  public String hostAddress() {
    return Ipv4.format(hostIp);
  }

  public String externalAddress() {
    return Ipv4.format(externalIp);
  }

  /** Finds a node by name. */
  public NodePlan node(String name) {
    return nodes.stream()
        .filter(n -> n.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no node "
                        + name
                        + "; the nodes are "
                        + nodes.stream().map(NodePlan::name).toList()));
  }
}
