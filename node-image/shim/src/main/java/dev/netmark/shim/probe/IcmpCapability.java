package dev.netmark.shim.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks that {@link java.net.InetAddress#isReachable} will really send ICMP. Without CAP_NET_RAW
 * the JDK silently falls back to a TCP connect to port 7 and counts "connection refused" as
 * reachable, which would turn every ping probe into a false success.
 */
final class IcmpCapability {
  private static final int CAP_NET_RAW = 13;

  private IcmpCapability() {}

  /**
   * @throws IllegalStateException when the process lacks CAP_NET_RAW
   */
  static void require() {
    if (!hasNetRaw(read())) {
      throw new IllegalStateException(
          "ping probes need CAP_NET_RAW (run the shim as root): without it Java's isReachable"
              + " falls back to TCP port 7 and reports false successes");
    }
  }

  static boolean hasNetRaw(List<String> procStatus) {
    for (String line : procStatus) {
      if (line.startsWith("CapEff:")) {
        long caps = Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16);
        return (caps & (1L << CAP_NET_RAW)) != 0;
      }
    }
    return false;
  }

  private static List<String> read() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc/self/status to check CAP_NET_RAW", e);
    }
  }
}
