package dev.netmark.shim.cni;

/**
 * One interface of a CNI result.
 *
 * @param name the interface name
 * @param mac its hardware address, or empty
 * @param sandbox the network namespace path it lives in, or empty for a host-side interface
 */
public record CniInterface(String name, String mac, String sandbox) {
  /** Whether the interface is inside a container's namespace. */
  public boolean inSandbox() {
    return !sandbox.isEmpty();
  }
}
