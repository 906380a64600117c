package dev.netmark.shim.app;

import dev.netmark.shim.netns.NetnsException;
import dev.netmark.shim.probe.EventLoop;
import dev.netmark.shim.probe.IcmpPackets;
import dev.netmark.shim.probe.Receiver;
import dev.netmark.shim.probe.SockAddr;
import dev.netmark.shim.probe.SocketCalls;
import dev.netmark.shim.probe.SocketOptions;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ICMP requests of one {@link CallRun}: a raw socket in the pod's namespace, one echo request
 * of the edge's size per request (identifier of its own, sequence from the slot), answered by the
 * echo reply, failed {@code unreachable} by a destination-unreachable error quoting it. Loop thread
 * only.
 */
final class IcmpCaller implements EventLoop.Handler {
  private static final int DEST_UNREACHABLE_V4 = 3;
  private static final int DEST_UNREACHABLE_V6 = 1;
  private static final int ECHO_REPLY_V6 = 129;

  private record Pending(RequestSeconds.Ticket ticket, long sentNanos, EventLoop.Timer timer) {}

  private final CallRun run;
  private final int fd;
  private final boolean v6;
  private final int id = ThreadLocalRandom.current().nextInt(1 << 16);
  private final byte[] packet;
  private final Map<Integer, Pending> pending = new HashMap<>();

  private IcmpCaller(CallRun run, int fd, boolean v6) {
    this.run = run;
    this.fd = fd;
    this.v6 = v6;
    this.packet = new byte[8 + run.call().sizeBytes()];
    java.util.Arrays.fill(packet, 8, packet.length, (byte) 'x');
  }

  /** Opens the socket; null when it cannot be made (each request then fails unreachable). */
  static IcmpCaller open(CallRun run, boolean v6) {
    AppLoop io = run.io();
    SocketCalls.Errno e = io.errno();
    int fd;
    try {
      fd =
          run.netns()
              .call(
                  () ->
                      SocketCalls.socket(
                          e,
                          v6 ? SocketCalls.AF_INET6 : SocketCalls.AF_INET,
                          SocketCalls.SOCK_RAW
                              | SocketCalls.SOCK_NONBLOCK
                              | SocketCalls.SOCK_CLOEXEC,
                          v6 ? SocketCalls.IPPROTO_ICMPV6 : SocketCalls.IPPROTO_ICMP));
    } catch (NetnsException ex) {
      fd = -1;
    }
    if (fd < 0) {
      return null;
    }
    try (Arena a = Arena.ofConfined()) {
      SocketOptions.timestamps(e, fd, a);
      MemorySegment filter = a.allocate(v6 ? 32 : 4, 4);
      filter.fill((byte) 0xff);
      // A set bit drops that type: let echo replies and destination-unreachable errors through.
      if (v6) {
        filter.set(ValueLayout.JAVA_INT, (ECHO_REPLY_V6 >> 5) * 4L, ~(1 << (ECHO_REPLY_V6 & 31)));
        filter.set(ValueLayout.JAVA_INT, 0, ~(1 << DEST_UNREACHABLE_V6));
        SocketCalls.setsockopt(e, fd, SocketCalls.IPPROTO_ICMPV6, SocketCalls.ICMP6_FILTER, filter);
      } else {
        filter.set(ValueLayout.JAVA_INT, 0, ~((1 << 0) | (1 << DEST_UNREACHABLE_V4)));
        SocketCalls.setsockopt(e, fd, SocketCalls.SOL_RAW, SocketCalls.ICMP_FILTER, filter);
      }
    }
    IcmpCaller c = new IcmpCaller(run, fd, v6);
    if (io.loop().register(fd, SocketCalls.EPOLLIN, c) < 0) {
      SocketCalls.close(e, fd);
      return null;
    }
    return c;
  }

  /** Sends the request of {@code slot}; fails it at once when the kernel refuses to send. */
  static void send(
      IcmpCaller caller, CallRun run, RequestSeconds.Ticket t, long slot, TierResolver.Target to) {
    if (caller == null) {
      run.failed(null, t, "unreachable");
      return;
    }
    caller.send(t, slot, to);
  }

  private void send(RequestSeconds.Ticket t, long slot, TierResolver.Target to) {
    int seq = (int) (slot & 0xffff);
    packet[0] = (byte) (v6 ? 128 : 8);
    packet[1] = 0;
    packet[2] = 0;
    packet[3] = 0;
    packet[4] = (byte) (id >>> 8);
    packet[5] = (byte) id;
    packet[6] = (byte) (seq >>> 8);
    packet[7] = (byte) seq;
    if (!v6) {
      int sum = IcmpPackets.checksum(packet, packet.length);
      packet[2] = (byte) (sum >>> 8);
      packet[3] = (byte) sum;
    }
    long rc;
    long sent = System.nanoTime();
    try (Arena a = Arena.ofConfined()) {
      rc = run.io().sendTo(fd, packet, packet.length, SockAddr.of(a, to.address(), 0));
    }
    if (rc < 0) {
      run.failed(null, t, Causes.of((int) -rc));
      return;
    }
    Pending old = pending.remove(seq);
    if (old != null) {
      old.timer.cancel();
      run.failed(null, old.ticket, "timeout"); // its sequence number came round again
    }
    EventLoop.Timer timer =
        run.io()
            .loop()
            .at(
                sent + run.call().timeout().toNanos(),
                () -> {
                  Pending p = pending.remove(seq);
                  if (p != null) {
                    run.failed(null, p.ticket, "timeout");
                  }
                });
    pending.put(seq, new Pending(t, sent, timer));
  }

  @Override
  public void ready(int events) {
    Receiver r = run.io().loop().receiver();
    int n;
    while ((n = r.receive(run.io().errno(), fd, Receiver.DATA_BYTES)) > 0) {
      int at = v6 ? 0 : ipHeader(r.data, 0, n);
      if (at < 0 || n < at + 8) {
        continue;
      }
      int type = r.data[at] & 0xff;
      if (type == (v6 ? 129 : 0)) {
        settle(r.data, at, null, r.arrivalNanos);
      } else if (type == (v6 ? DEST_UNREACHABLE_V6 : DEST_UNREACHABLE_V4)) {
        // The error quotes the request: its IP header, then its ICMP header with id and sequence.
        int inner = v6 ? at + 8 + 40 : ipHeader(r.data, at + 8, n);
        if (inner >= 0 && n >= inner + 8) {
          settle(r.data, inner, "unreachable", r.arrivalNanos);
        }
      }
    }
  }

  private void settle(byte[] d, int icmp, String cause, long arrival) {
    int gotId = ((d[icmp + 4] & 0xff) << 8) | (d[icmp + 5] & 0xff);
    int seq = ((d[icmp + 6] & 0xff) << 8) | (d[icmp + 7] & 0xff);
    if (gotId != id) {
      return;
    }
    Pending p = pending.remove(seq);
    if (p == null) {
      return;
    }
    p.timer.cancel();
    if (cause == null) {
      run.answered(null, p.ticket, p.sentNanos, arrival);
    } else {
      run.failed(null, p.ticket, cause);
    }
  }

  /** The offset of the ICMP header after an IPv4 header at {@code at}, or -1. */
  private static int ipHeader(byte[] d, int at, int n) {
    if (n < at + 20 || (d[at] & 0xf0) != 0x40) {
      return -1;
    }
    return at + (d[at] & 0x0f) * 4;
  }

  void close() {
    pending.values().forEach(p -> p.timer.cancel());
    pending.clear();
    run.io().loop().closeFd(fd);
  }
}
