package dev.netmark.shim.probe;

import dev.netmark.shim.ffi.Native;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A ping check: an echo request per attempt through the pod's shared raw ICMP socket. Each attempt
 * carries its own identifier (the check's base plus its sequence), so each is a new flow to
 * connection tracking: a service VIP is DNAT-ed afresh, as each HTTP attempt's connection is, and
 * an entry made while the path was not up yet cannot pin every later attempt to it.
 */
final class PingRun extends CheckRun {
  private final IcmpCheck ping;
  private final int id;
  private final Arena arena = Arena.ofConfined();
  private final MemorySegment target;
  private int seq;

  PingRun(PodRun pod, String cls, IcmpCheck ping, int id, long intervalMs, long timeoutMs) {
    super(pod, cls, ping, intervalMs, timeoutMs);
    this.ping = ping;
    this.id = id & 0xffff;
    this.target = SockAddr.of(arena, ping.target(), 0);
  }

  @Override
  void prepare() {
    pod.icmp(SockAddr.isV6(ping.target()));
  }

  @Override
  void attempt(long now) {
    IcmpSocket socket;
    try {
      socket = pod.icmp(SockAddr.isV6(ping.target()));
    } catch (ProbeSetupException e) {
      failedAttempt(e.getMessage());
      return;
    }
    seq = (seq + 1) & 0xffff;
    int rc = socket.send(this, (id + seq) & 0xffff, seq, target);
    if (rc < 0) {
      failedAttempt("sendto: " + Native.strerror(-rc));
    } else {
      failedAttempt("no echo reply yet");
    }
  }

  /** Whether a reply from {@code source} (null when the socket does not say) answers this ping. */
  boolean answeredBy(byte[] source) {
    return IcmpSocket.sameAddress(ping.target(), source);
  }

  @Override
  void release() {
    pod.forgetPings(this);
    arena.close();
  }
}
