package dev.netmark.shim.probe;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetAddress;

/** {@code struct sockaddr_in} and {@code sockaddr_in6} for an address and port. */
public final class SockAddr {
  private SockAddr() {}

  public static boolean isV6(InetAddress address) {
    return address instanceof Inet6Address;
  }

  public static MemorySegment of(Arena arena, InetAddress address, int port) {
    byte[] raw = address.getAddress();
    boolean v6 = isV6(address);
    MemorySegment s = arena.allocate(v6 ? 28 : 16, 8);
    s.set(JAVA_SHORT, 0, (short) (v6 ? SocketCalls.AF_INET6 : SocketCalls.AF_INET));
    s.set(JAVA_BYTE, 2, (byte) (port >>> 8));
    s.set(JAVA_BYTE, 3, (byte) port);
    MemorySegment.copy(raw, 0, s, JAVA_BYTE, v6 ? 8 : 4, raw.length);
    return s;
  }
}
