package dev.netmark.shim.probe;

import dev.netmark.shim.ffi.Native;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A raw ICMP (or ICMPv6) socket opened inside one pod's namespace, shared by that pod's ping
 * checks. It sees every echo reply reaching the namespace; a reply counts for the attempt whose
 * identifier and sequence number it carries, however late it is read. Loop thread only.
 */
final class IcmpSocket implements EventLoop.Handler {
  private record Pending(PingRun run, long sentNanos) {}

  private final EventLoop loop;
  private final int fd;
  private final boolean v6;
  private final Map<Integer, Pending> pending = new HashMap<>();
  private final Arena arena = Arena.ofConfined();
  private final MemorySegment packet = arena.allocate(IcmpPackets.REQUEST_BYTES, 8);

  private IcmpSocket(EventLoop loop, int fd, boolean v6) {
    this.loop = loop;
    this.fd = fd;
    this.v6 = v6;
  }

  /**
   * Opens the socket in {@code pod}'s namespace and registers it with the loop.
   *
   * @return the socket
   * @throws ProbeSetupException when the socket cannot be made (the reason is in the message)
   */
  static IcmpSocket open(PodRun pod, boolean v6) {
    EventLoop loop = pod.loop();
    SocketCalls.Errno e = loop.errno;
    int fd =
        pod.inNamespace(
            () ->
                SocketCalls.socket(
                    e,
                    v6 ? SocketCalls.AF_INET6 : SocketCalls.AF_INET,
                    SocketCalls.SOCK_RAW | SocketCalls.SOCK_NONBLOCK | SocketCalls.SOCK_CLOEXEC,
                    v6 ? SocketCalls.IPPROTO_ICMPV6 : SocketCalls.IPPROTO_ICMP));
    if (fd < 0) {
      throw new ProbeSetupException("raw ICMP socket: " + Native.strerror(-fd));
    }
    IcmpSocket s = new IcmpSocket(loop, fd, v6);
    try (Arena a = Arena.ofConfined()) {
      SocketOptions.timestamps(e, fd, a);
      // Only echo replies wake the loop; a bit set in the filter drops that type.
      if (v6) {
        MemorySegment filter = a.allocate(32, 4);
        filter.fill((byte) 0xff);
        int word = IcmpPackets.ECHO_REPLY_V6 >> 5;
        int bit = 1 << (IcmpPackets.ECHO_REPLY_V6 & 31);
        filter.set(java.lang.foreign.ValueLayout.JAVA_INT, word * 4L, ~bit);
        SocketCalls.setsockopt(e, fd, SocketCalls.IPPROTO_ICMPV6, SocketCalls.ICMP6_FILTER, filter);
      } else {
        MemorySegment filter = a.allocate(4, 4);
        filter.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, ~(1 << IcmpPackets.ECHO_REPLY_V4));
        SocketCalls.setsockopt(e, fd, SocketCalls.SOL_RAW, SocketCalls.ICMP_FILTER, filter);
      }
    }
    int rc = loop.register(fd, SocketCalls.EPOLLIN, s);
    if (rc < 0) {
      s.close();
      throw new ProbeSetupException("epoll_ctl: " + Native.strerror(-rc));
    }
    return s;
  }

  /** Sends one echo request for {@code run}; returns 0 or {@code -errno}. */
  int send(PingRun run, int id, int seq, MemorySegment target) {
    MemorySegment.copy(
        IcmpPackets.echoRequest(v6, id, seq),
        0,
        packet,
        java.lang.foreign.ValueLayout.JAVA_BYTE,
        0,
        IcmpPackets.REQUEST_BYTES);
    long sent = System.nanoTime();
    long rc = SocketCalls.sendto(loop.errno, fd, packet, IcmpPackets.REQUEST_BYTES, 0, target);
    if (rc < 0) {
      return (int) rc;
    }
    pending.put(key(id, seq), new Pending(run, sent));
    return 0;
  }

  @Override
  public void ready(int events) {
    Receiver r = loop.receiver;
    int n;
    while ((n = r.receive(loop.errno, fd, Receiver.DATA_BYTES)) > 0) {
      IcmpPackets.EchoReply reply =
          v6 ? IcmpPackets.parseV6(r.data, n) : IcmpPackets.parseV4(r.data, n);
      if (reply == null) {
        continue;
      }
      Pending p = pending.remove(key(reply.id(), reply.seq()));
      if (p != null && p.run.answeredBy(reply.source())) {
        p.run.answered(p.sentNanos, r.arrivalNanos, r.readNanos);
      }
    }
  }

  /** Forgets the pending attempts of a finished check. */
  void forget(PingRun run) {
    pending.values().removeIf(p -> p.run == run);
  }

  private static int key(int id, int seq) {
    return (id << 16) | seq;
  }

  static boolean sameAddress(InetAddress target, byte[] source) {
    return source == null || Arrays.equals(target.getAddress(), source);
  }

  void close() {
    pending.clear();
    loop.closeFd(fd);
    arena.close();
  }
}
