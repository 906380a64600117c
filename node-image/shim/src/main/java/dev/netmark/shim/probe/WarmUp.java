package dev.netmark.shim.probe;

import dev.netmark.contract.MetricNames;
import dev.netmark.contract.ProbeTargets;
import dev.netmark.contract.ProbeTargets.ProbePolicy;
import dev.netmark.shim.ffi.Native;
import dev.netmark.shim.netns.NetnsHandle;
import dev.netmark.shim.records.PodRef;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each call of a probe once on the loop at start-up, in the shim's own namespace and towards
 * loopback only: the first use of a class and of an FFM downcall costs tens of milliseconds on a
 * busy node, which would otherwise land in the first pods' probe times. Then {@link #pod} probes a
 * pod of nobody's through the prober's whole path (every class, ping and HTTP, on loopback): at 10
 * nodes x 30 pods the first pod of each node was the slowest of its node by 100-200 ms, and those
 * 10 pods were the p99.
 */
final class WarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
  static final PodRef POD = new PodRef("netmark-warm-up", "warm-up", "netmark-warm-up");
  private static final long SERVE_MS = 5_000;

  /**
   * Warm-up pods one JVM probes beyond each prober's first, shared by its shims (local mode runs
   * many shims in one JVM, and compiled code is the JVM's). The shim's JVM compiles with C1 only, a
   * method after about 200 calls; a warm-up pod calls the per-pod methods once and the per-attempt
   * ones once per check. Without them a node's first 200 or so pods were probed by interpreted
   * code, which added about 1 ms to their `network_ready` on a quiet machine. Each takes well under
   * a millisecond of the loop, in the shim's first seconds; the compiled code costs an idle shim
   * about 4 MiB (docs/performance.md, shim-footprint).
   */
  static final AtomicInteger JVM_BUDGET = new AtomicInteger(250);

  /** Warm-up pods start only this long after the first, while the loopback server still serves. */
  static final long PODS_WITHIN_NANOS = (SERVE_MS - 2_000) * 1_000_000L;

  private static final byte[] OK =
      "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private WarmUp() {}

  /**
   * The targets of the warm-up pod: every class, each towards loopback, HTTP to {@code port}.
   *
   * @param node this shim's node (its same-node control pod)
   */
  static ProbeTargets targets(String node, int port) {
    String lo = "127.0.0.1";
    return new ProbeTargets(
        Map.of(node, List.of(lo), node + "-warm-up-peer", List.of(lo)),
        port,
        0,
        lo,
        port,
        lo,
        "http://" + lo + ":" + port + "/",
        new ProbePolicy(1, 1, true, 10, 2_000, MetricNames.PROBE_TARGETS));
  }

  /** The warm-up pod's request: the shim's own namespace. */
  static ProbeRequest request() {
    long now = System.nanoTime();
    return new ProbeRequest(POD, Path.of("/proc/self/ns/net"), "127.0.0.1", 1, now, now);
  }

  /**
   * A loopback HTTP server for the warm-up pod's GETs, answering 200 to every connection for 5 s.
   *
   * @return its port, or -1 when it cannot listen (the HTTP path then stays cold)
   */
  static int serve() {
    ServerSocketChannel server;
    try {
      server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    } catch (IOException e) {
      LOG.debug("probe warm-up: no loopback server: {}", e.toString());
      return -1;
    }
    Thread.ofVirtual()
        .name("probe-warm-up-server")
        .start(
            () -> {
              long end = System.nanoTime() + SERVE_MS * 1_000_000L;
              try (server) {
                server.configureBlocking(false);
                while (System.nanoTime() - end < 0) {
                  SocketChannel c = server.accept();
                  if (c == null) {
                    Thread.sleep(5);
                    continue;
                  }
                  try (c) {
                    c.write(ByteBuffer.wrap(OK));
                  }
                }
              } catch (IOException e) {
                LOG.debug("probe warm-up server: {}", e.toString());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    return ((InetSocketAddress) server.socket().getLocalSocketAddress()).getPort();
  }

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
