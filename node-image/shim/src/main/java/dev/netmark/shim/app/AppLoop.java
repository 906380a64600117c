package dev.netmark.shim.app;

import dev.netmark.shim.ffi.Native;
import dev.netmark.shim.netns.NetnsException;
import dev.netmark.shim.netns.NetnsHandle;
import dev.netmark.shim.probe.EventLoop;
import dev.netmark.shim.probe.SocketCalls;
import dev.netmark.shim.probe.SocketOptions;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The event loop that serves and calls for every application pod of the shim, with its write
 * buffers: one platform thread, epoll, sockets created inside each pod's namespace (docs/design.md,
 * "Application models"). Loop thread only, except {@link #loop()}'s {@code execute}.
 */
final class AppLoop implements AutoCloseable {
  static final int CHUNK = 64 * 1024;

  private final EventLoop loop;
  // Freed by the GC once the loop and this object are gone: a loop stuck past close keeps them.
  private final Arena arena = Arena.ofAuto();
  private final MemorySegment out = arena.allocate(CHUNK, 8);
  private final MemorySegment fill = arena.allocate(CHUNK, 8);
  private final MemorySegment scratch = arena.allocate(8, 8);

  AppLoop(String name) {
    loop = EventLoop.start(name);
    fill.fill((byte) 'x');
  }

  EventLoop loop() {
    return loop;
  }

  SocketCalls.Errno errno() {
    return loop.errno();
  }

  /** Sends {@code b[off..off+len)} (at most one chunk); returns bytes sent or {@code -errno}. */
  long send(int fd, byte[] b, int off, int len) {
    int n = Math.min(len, CHUNK);
    MemorySegment.copy(b, off, out, ValueLayout.JAVA_BYTE, 0, n);
    return SocketCalls.sendto(errno(), fd, out, n, SocketCalls.MSG_NOSIGNAL, MemorySegment.NULL);
  }

  /** Sends one datagram of {@code len} bytes of {@code b} to {@code address} (raw ICMP). */
  long sendTo(int fd, byte[] b, int len, MemorySegment address) {
    MemorySegment.copy(b, 0, out, ValueLayout.JAVA_BYTE, 0, len);
    return SocketCalls.sendto(errno(), fd, out, len, 0, address);
  }

  /** Sends up to {@code len} filler bytes (at most one chunk). */
  long sendFill(int fd, long len) {
    long n = Math.min(len, CHUNK);
    return SocketCalls.sendto(errno(), fd, fill, n, SocketCalls.MSG_NOSIGNAL, MemorySegment.NULL);
  }

  /** The pending error of a socket (after a non-blocking connect), 0 when none. */
  int socketError(int fd) {
    int err =
        SocketCalls.getsockoptInt(
            errno(), fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_ERROR, scratch);
    return Math.abs(err);
  }

  /**
   * A non-blocking TCP socket made in the namespace, with kernel receive times.
   *
   * @return the descriptor, or {@code -errno}
   * @throws NetnsException when the namespace cannot be entered
   */
  int tcpSocket(NetnsHandle netns, boolean v6) {
    SocketCalls.Errno e = errno();
    int fd =
        netns.call(
            () ->
                SocketCalls.socket(
                    e,
                    v6 ? SocketCalls.AF_INET6 : SocketCalls.AF_INET,
                    SocketCalls.SOCK_STREAM | SocketCalls.SOCK_NONBLOCK | SocketCalls.SOCK_CLOEXEC,
                    SocketCalls.IPPROTO_TCP));
    if (fd >= 0) {
      try (Arena a = Arena.ofConfined()) {
        SocketOptions.setInt(e, fd, SocketCalls.IPPROTO_TCP, SocketCalls.TCP_NODELAY, 1, a);
        SocketOptions.timestamps(e, fd, a);
      }
    }
    return fd;
  }

  static String strerror(int errno) {
    return Native.strerror(Math.abs(errno));
  }

  @Override
  public void close() {
    loop.close();
  }
}
