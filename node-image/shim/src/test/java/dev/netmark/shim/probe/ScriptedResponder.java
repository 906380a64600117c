package dev.netmark.shim.probe;

import dev.netmark.shim.ffi.Native;
import dev.netmark.shim.netns.NetnsHandle;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Answers echo requests in a test namespace by script instead of the kernel (the namespace sets
 * {@code icmp_echo_ignore_all}): for the n-th request (from 0) the script gives the delays of its
 * replies in ms: none drops it, two send a duplicate. Runs on an {@link EventLoop} of its own.
 */
final class ScriptedResponder implements AutoCloseable {
  private final EventLoop loop = EventLoop.start("test-responder");
  private final Arena arena = Arena.ofShared();
  private final AtomicInteger requests = new AtomicInteger();
  private final java.util.Set<Integer> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final IntFunction<List<Long>> script;
  private int fd = -1;

  private ScriptedResponder(IntFunction<List<Long>> script) {
    this.script = script;
  }

  static ScriptedResponder start(Path netns, IntFunction<List<Long>> script) throws Exception {
    ScriptedResponder r = new ScriptedResponder(script);
    CompletableFuture<Integer> opened = new CompletableFuture<>();
    r.loop.execute(
        () -> {
          try (NetnsHandle ns = NetnsHandle.open(netns)) {
            int fd =
                ns.call(
                    () ->
                        SocketCalls.socket(
                            r.loop.errno,
                            SocketCalls.AF_INET,
                            SocketCalls.SOCK_RAW | SocketCalls.SOCK_NONBLOCK,
                            SocketCalls.IPPROTO_ICMP));
            r.fd = fd;
            opened.complete(fd < 0 ? fd : r.loop.register(fd, SocketCalls.EPOLLIN, r::read));
          } catch (RuntimeException e) {
            opened.completeExceptionally(e);
          }
        });
    int rc = opened.get(5, TimeUnit.SECONDS);
    if (rc < 0) {
      r.close();
      throw new IllegalStateException("responder socket: " + Native.strerror(-rc));
    }
    return r;
  }

  /** Echo requests seen so far. */
  int requests() {
    return requests.get();
  }

  /** The distinct ICMP identifiers of the echo requests seen so far. */
  int distinctIds() {
    return ids.size();
  }

  private void read(int events) {
    Receiver r = loop.receiver;
    int n;
    while ((n = r.receive(loop.errno, fd, Receiver.DATA_BYTES)) > 0) {
      int ihl = (r.data[0] & 0x0f) * 4;
      if (n < ihl + 8 || (r.data[ihl] & 0xff) != IcmpPackets.ECHO_REQUEST_V4) {
        continue;
      }
      byte[] reply = java.util.Arrays.copyOfRange(r.data, ihl, n);
      ids.add(((reply[4] & 0xff) << 8) | (reply[5] & 0xff));
      reply[0] = (byte) IcmpPackets.ECHO_REPLY_V4;
      reply[2] = 0;
      reply[3] = 0;
      int sum = IcmpPackets.checksum(reply, reply.length);
      reply[2] = (byte) (sum >>> 8);
      reply[3] = (byte) sum;
      byte[] src = java.util.Arrays.copyOfRange(r.data, 12, 16);
      long now = System.nanoTime();
      for (long delay : script.apply(requests.getAndIncrement())) {
        loop.at(now + delay * 1_000_000L, () -> send(reply, src));
      }
    }
  }

  private void send(byte[] reply, byte[] to) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment buf = a.allocateFrom(java.lang.foreign.ValueLayout.JAVA_BYTE, reply);
      MemorySegment addr;
      try {
        addr = SockAddr.of(a, InetAddress.getByAddress(to), 0);
      } catch (java.net.UnknownHostException e) {
        throw new IllegalStateException(e);
      }
      SocketCalls.sendto(loop.errno, fd, buf, reply.length, 0, addr);
    }
  }

  @Override
  public void close() {
    loop.close(); // closes the registered socket
    arena.close();
  }
}
