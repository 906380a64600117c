package dev.netmark.shim.probe;

import java.net.InetAddress;

/** An ICMP echo to {@code target}, from a raw socket in the pod's namespace ({@link PingRun}). */
record IcmpCheck(InetAddress target) implements Check {
  @Override
  public String describe() {
    return "ping " + target.getHostAddress();
  }
}
