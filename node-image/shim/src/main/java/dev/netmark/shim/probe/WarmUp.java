package dev.netmark.shim.probe;

import dev.netmark.shim.ffi.Native;
import dev.netmark.shim.netns.NetnsHandle;
import java.lang.foreign.Arena;
import java.net.InetAddress;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each call of a probe once on the loop at start-up, in the shim's own namespace and towards
 * loopback only: the first use of a class and of an FFM downcall costs tens of milliseconds on a
 * busy node, which would otherwise land in the first pods' probe times.
 */
final class WarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

  private WarmUp() {}

  static void run(EventLoop loop) {
    SocketCalls.Errno e = loop.errno;
    try (NetnsHandle self = NetnsHandle.open(Path.of("/proc/self/ns/net"));
        Arena arena = Arena.ofConfined()) {
      InetAddress lo = InetAddress.getLoopbackAddress();
      int icmp =
          self.call(
              () ->
                  SocketCalls.socket(
                      e,
                      SocketCalls.AF_INET,
                      SocketCalls.SOCK_RAW | SocketCalls.SOCK_NONBLOCK | SocketCalls.SOCK_CLOEXEC,
                      SocketCalls.IPPROTO_ICMP));
      if (icmp >= 0) {
        SocketOptions.timestamps(e, icmp, arena);
        byte[] echo = IcmpPackets.echoRequest(false, 0, 0);
        SocketCalls.sendto(
            e,
            icmp,
            arena.allocateFrom(java.lang.foreign.ValueLayout.JAVA_BYTE, echo),
            echo.length,
            0,
            SockAddr.of(arena, lo, 0));
        loop.register(icmp, SocketCalls.EPOLLIN, events -> {});
        loop.modify(icmp, SocketCalls.EPOLLIN);
        int n = loop.receiver.receive(e, icmp, Receiver.DATA_BYTES);
        if (n > 0) {
          IcmpPackets.parseV4(loop.receiver.data, n);
        }
        loop.closeFd(icmp);
      }
      int tcp =
          SocketCalls.socket(
              e,
              SocketCalls.AF_INET,
              SocketCalls.SOCK_STREAM | SocketCalls.SOCK_NONBLOCK | SocketCalls.SOCK_CLOEXEC,
              SocketCalls.IPPROTO_TCP);
      if (tcp >= 0) {
        SocketOptions.setInt(e, tcp, SocketCalls.IPPROTO_TCP, SocketCalls.TCP_NODELAY, 1, arena);
        SocketCalls.connect(e, tcp, SockAddr.of(arena, lo, 9));
        SocketCalls.getsockoptInt(
            e, tcp, SocketCalls.SOL_SOCKET, SocketCalls.SO_ERROR, arena.allocate(8, 4));
        SocketCalls.close(e, tcp);
      }
      Native.strerror(SocketCalls.EAGAIN);
    } catch (RuntimeException ex) {
      // Only a cost moves to the first pod; probing itself reports real failures.
      LOG.debug("probe warm-up incomplete: {}", ex.toString());
    }
  }
}
