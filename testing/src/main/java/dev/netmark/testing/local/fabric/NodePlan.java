package dev.netmark.testing.local.fabric;

import dev.netmark.testing.local.host.Cidr;
import dev.netmark.testing.local.host.Ipv4;
import java.nio.file.Path;

/**
 * One emulated node's names and addresses.
 *
 * @param index 1-based node number
 * @param name the node's name, also the name of its network namespace ({@code PREFIX-nodeI})
 * @param podCidr the node's pod CIDR
 * @param linkIp the node's address on the link subnet (its {@code eth0}), where shims listen
 * @param dir the node's state directory: {@code net.d} (CNI conf) and {@code ipam} (host-local)
 */
public record NodePlan(int index, String name, Cidr podCidr, int linkIp, Path dir) {
  /** The node's address as text, e.g. {@code 10.241.0.1}. */
  public String ip() {
    return Ipv4.format(linkIp);
  }

  /** Where the node's CNI network configuration is written. */
  public Path confDir() {
    return dir.resolve("net.d");
  }

  /** host-local's {@code dataDir} for this node. */
  public Path ipamDir() {
    return dir.resolve("ipam");
  }

  /** The pod network's gateway, the first address of the pod CIDR (the bridge's address). */
  public String gateway() {
    return Ipv4.format(podCidr.address(1));
  }
}
