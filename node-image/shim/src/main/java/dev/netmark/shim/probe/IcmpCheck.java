package dev.netmark.shim.probe;

import java.io.IOException;
import java.net.InetAddress;

/**
 * ICMP echo via {@link InetAddress#isReachable(int)}: as root (CAP_NET_RAW) the JDK sends one echo
 * request from a raw socket opened on the calling thread, so in the pod's namespace, and waits for
 * the reply. That costs microseconds, against milliseconds for a spawned {@code ping}.
 */
record IcmpCheck(InetAddress target) implements Check {
  @Override
  public boolean attempt(int timeoutMs) throws IOException {
    return target.isReachable(timeoutMs);
  }

  @Override
  public String describe() {
    return "ping " + target.getHostAddress();
  }
}
