package dev.netmark.shim.cni;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One address of a CNI result.
 *
 * @param address the address
 * @param prefixLength its prefix length
 * @param gateway the gateway, when the plugin gave one
 * @param interfaceIndex index into the result's interfaces, when given
 */
public record CniIp(
    InetAddress address,
    int prefixLength,
    Optional<InetAddress> gateway,
    OptionalInt interfaceIndex) {
  /** Whether this is an IPv4 address. */
  public boolean isIpv4() {
    return address instanceof Inet4Address;
  }

  /** The address in CIDR notation, e.g. {@code 10.201.1.5/24}. */
  public String cidr() {
    return address.getHostAddress() + "/" + prefixLength;
  }
}
