package dev.netmark.shim.probe;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.netmark.shim.ffi.Native;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The socket and epoll calls of the event-driven prober, bound with the FFM API. Each returns its
 * result, or {@code -errno} when the call failed: the prober's hot path turns errors into attempt
 * outcomes, not exceptions. Only the prober's loop thread calls these, with one reusable errno
 * segment per caller ({@link Errno}).
 */
// Restricted FFM methods are the point of this class; the JVM runs with
// --enable-native-access=ALL-UNNAMED (Enable-Native-Access in the jar manifest).
@SuppressWarnings("restricted")
public final class SocketCalls {
  public static final int AF_INET = 2;
  public static final int AF_INET6 = 10;
  public static final int SOCK_STREAM = 1;
  public static final int SOCK_RAW = 3;
  public static final int SOCK_NONBLOCK = 0x800;
  public static final int SOCK_CLOEXEC = 0x80000;
  public static final int IPPROTO_ICMP = 1;
  public static final int IPPROTO_TCP = 6;
  public static final int IPPROTO_ICMPV6 = 58;
  public static final int SOL_SOCKET = 1;
  public static final int SOL_RAW = 255;
  public static final int SO_ERROR = 4;
  public static final int SO_TIMESTAMPNS = 35;
  public static final int SCM_TIMESTAMPNS = SO_TIMESTAMPNS;
  public static final int TCP_NODELAY = 1;
  public static final int TCP_INFO = 11;
  // struct tcp_info (linux/tcp.h): tcpi_total_retrans, the segments this socket retransmitted,
  // its SYN among them; the struct is stable and only grows at its end.
  private static final long TCPI_TOTAL_RETRANS_OFFSET = 100;
  private static final int TCP_INFO_READ = 104;
  public static final int ICMP_FILTER = 1;
  public static final int ICMP6_FILTER = 1;
  public static final int MSG_DONTWAIT = 0x40;
  public static final int MSG_NOSIGNAL = 0x4000;
  public static final int EPOLL_CLOEXEC = 0x80000;
  public static final int EPOLL_CTL_ADD = 1;
  public static final int EPOLL_CTL_DEL = 2;
  public static final int EPOLL_CTL_MOD = 3;
  public static final int EPOLLIN = 0x1;
  public static final int EPOLLOUT = 0x4;
  public static final int EPOLLERR = 0x8;
  public static final int EPOLLHUP = 0x10;
  public static final int EFD_NONBLOCK = 0x800;
  public static final int EFD_CLOEXEC = 0x80000;
  public static final int EINTR = 4;
  public static final int EAGAIN = 11;
  public static final int EINPROGRESS = 115;
  public static final int EPIPE = 32;
  public static final int ECONNRESET = 104;
  public static final int ETIMEDOUT = 110;
  public static final int ECONNREFUSED = 111;
  public static final int SO_REUSEADDR = 2;
  public static final int SHUT_WR = 1;

  /** {@code struct epoll_event} is packed on x86-64 (12 bytes) and naturally aligned elsewhere. */
  public static final boolean PACKED_EPOLL = "amd64".equals(System.getProperty("os.arch"));

  public static final long EPOLL_EVENT_BYTES = PACKED_EPOLL ? 12 : 16;
  public static final long EPOLL_DATA_OFFSET = PACKED_EPOLL ? 4 : 8;

  private static final MethodHandle SOCKET = bind("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
  private static final MethodHandle CONNECT =
      bind("connect", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle SENDTO =
      bind("sendto", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle RECVMSG =
      bind("recvmsg", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle SETSOCKOPT =
      bind("setsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle GETSOCKOPT =
      bind("getsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
  private static final MethodHandle CLOSE = bind("close", JAVA_INT, JAVA_INT);
  private static final MethodHandle READ = bind("read", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
  private static final MethodHandle WRITE = bind("write", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
  private static final MethodHandle EPOLL_CREATE1 = bind("epoll_create1", JAVA_INT, JAVA_INT);
  private static final MethodHandle EPOLL_CTL =
      bind("epoll_ctl", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS);
  private static final MethodHandle EPOLL_WAIT =
      bind("epoll_wait", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
  private static final MethodHandle EVENTFD = bind("eventfd", JAVA_INT, JAVA_INT, JAVA_INT);
  private static final MethodHandle BIND = bind("bind", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle LISTEN = bind("listen", JAVA_INT, JAVA_INT, JAVA_INT);
  private static final MethodHandle ACCEPT4 =
      bind("accept4", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
  private static final MethodHandle SHUTDOWN = bind("shutdown", JAVA_INT, JAVA_INT, JAVA_INT);

  private SocketCalls() {}

  /** A reusable errno capture segment; one per thread that makes calls. */
  public static final class Errno {
    final MemorySegment state;

    public Errno(Arena arena) {
      state = Native.errnoState(arena);
    }

    public int value() {
      return Native.errno(state);
    }

    int orErrno(long rc) {
      return rc < 0 ? -value() : (int) rc;
    }

    long orErrnoLong(long rc) {
      return rc < 0 ? -value() : rc;
    }
  }

  private static MethodHandle bind(String name, MemoryLayout ret, MemoryLayout... args) {
    return Native.errnoCall(name, ret, args);
  }

  public static int socket(Errno e, int domain, int type, int protocol) {
    try {
      return e.orErrno((int) SOCKET.invokeExact(e.state, domain, type, protocol));
    } catch (Throwable t) {
      throw fatal("socket", t);
    }
  }

  public static int connect(Errno e, int fd, MemorySegment addr) {
    try {
      return e.orErrno((int) CONNECT.invokeExact(e.state, fd, addr, (int) addr.byteSize()));
    } catch (Throwable t) {
      throw fatal("connect", t);
    }
  }

  public static long sendto(
      Errno e, int fd, MemorySegment buf, long len, int flags, MemorySegment addr) {
    try {
      int alen = addr.equals(MemorySegment.NULL) ? 0 : (int) addr.byteSize();
      return e.orErrnoLong((long) SENDTO.invokeExact(e.state, fd, buf, len, flags, addr, alen));
    } catch (Throwable t) {
      throw fatal("sendto", t);
    }
  }

  public static long recvmsg(Errno e, int fd, MemorySegment msghdr, int flags) {
    try {
      return e.orErrnoLong((long) RECVMSG.invokeExact(e.state, fd, msghdr, flags));
    } catch (Throwable t) {
      throw fatal("recvmsg", t);
    }
  }

  public static int setsockopt(Errno e, int fd, int level, int name, MemorySegment value) {
    try {
      return e.orErrno(
          (int) SETSOCKOPT.invokeExact(e.state, fd, level, name, value, (int) value.byteSize()));
    } catch (Throwable t) {
      throw fatal("setsockopt", t);
    }
  }

  /** getsockopt of an int option; returns the value, or {@code -errno} when the call failed. */
  public static int getsockoptInt(Errno e, int fd, int level, int name, MemorySegment scratch8) {
    try {
      scratch8.set(JAVA_INT, 4, 4);
      int rc =
          (int) GETSOCKOPT.invokeExact(e.state, fd, level, name, scratch8, scratch8.asSlice(4, 4));
      return rc < 0 ? -e.value() : scratch8.get(JAVA_INT, 0);
    } catch (Throwable t) {
      throw fatal("getsockopt", t);
    }
  }

  /**
   * How many segments a TCP socket retransmitted so far ({@code tcpi_total_retrans} of {@code
   * TCP_INFO}), its SYN included; {@code -errno} when the call failed.
   */
  public static int tcpRetransmissions(Errno e, int fd, Arena arena) {
    MemorySegment info = arena.allocate(TCP_INFO_READ + 8, 8);
    MemorySegment len = info.asSlice(TCP_INFO_READ, 4);
    len.set(JAVA_INT, 0, TCP_INFO_READ);
    try {
      int rc =
          (int)
              GETSOCKOPT.invokeExact(
                  e.state, fd, IPPROTO_TCP, TCP_INFO, info.asSlice(0, TCP_INFO_READ), len);
      if (rc < 0) {
        return -e.value();
      }
      // A kernel older than the field gives a shorter struct: no count, none assumed.
      return len.get(JAVA_INT, 0) < TCP_INFO_READ
          ? 0
          : info.get(JAVA_INT, TCPI_TOTAL_RETRANS_OFFSET);
    } catch (Throwable t) {
      throw fatal("getsockopt", t);
    }
  }

  public static int close(Errno e, int fd) {
    try {
      return e.orErrno((int) CLOSE.invokeExact(e.state, fd));
    } catch (Throwable t) {
      throw fatal("close", t);
    }
  }

  public static long read(Errno e, int fd, MemorySegment buf, long len) {
    try {
      return e.orErrnoLong((long) READ.invokeExact(e.state, fd, buf, len));
    } catch (Throwable t) {
      throw fatal("read", t);
    }
  }

  public static long write(Errno e, int fd, MemorySegment buf, long len) {
    try {
      return e.orErrnoLong((long) WRITE.invokeExact(e.state, fd, buf, len));
    } catch (Throwable t) {
      throw fatal("write", t);
    }
  }

  public static int epollCreate(Errno e) {
    try {
      return e.orErrno((int) EPOLL_CREATE1.invokeExact(e.state, EPOLL_CLOEXEC));
    } catch (Throwable t) {
      throw fatal("epoll_create1", t);
    }
  }

  public static int epollCtl(Errno e, int epfd, int op, int fd, MemorySegment event) {
    try {
      return e.orErrno((int) EPOLL_CTL.invokeExact(e.state, epfd, op, fd, event));
    } catch (Throwable t) {
      throw fatal("epoll_ctl", t);
    }
  }

  public static int epollWait(Errno e, int epfd, MemorySegment events, int max, int timeoutMs) {
    try {
      return e.orErrno((int) EPOLL_WAIT.invokeExact(e.state, epfd, events, max, timeoutMs));
    } catch (Throwable t) {
      throw fatal("epoll_wait", t);
    }
  }

  public static int eventfd(Errno e) {
    try {
      return e.orErrno((int) EVENTFD.invokeExact(e.state, 0, EFD_NONBLOCK | EFD_CLOEXEC));
    } catch (Throwable t) {
      throw fatal("eventfd", t);
    }
  }

  public static int bind(Errno e, int fd, MemorySegment addr) {
    try {
      return e.orErrno((int) BIND.invokeExact(e.state, fd, addr, (int) addr.byteSize()));
    } catch (Throwable t) {
      throw fatal("bind", t);
    }
  }

  public static int listen(Errno e, int fd, int backlog) {
    try {
      return e.orErrno((int) LISTEN.invokeExact(e.state, fd, backlog));
    } catch (Throwable t) {
      throw fatal("listen", t);
    }
  }

  /** accept4(2) without the peer's address; the new socket is non-blocking and close-on-exec. */
  public static int accept(Errno e, int fd) {
    try {
      return e.orErrno(
          (int)
              ACCEPT4.invokeExact(
                  e.state,
                  fd,
                  MemorySegment.NULL,
                  MemorySegment.NULL,
                  SOCK_NONBLOCK | SOCK_CLOEXEC));
    } catch (Throwable t) {
      throw fatal("accept4", t);
    }
  }

  public static int shutdown(Errno e, int fd, int how) {
    try {
      return e.orErrno((int) SHUTDOWN.invokeExact(e.state, fd, how));
    } catch (Throwable t) {
      throw fatal("shutdown", t);
    }
  }

  private static Error fatal(String call, Throwable t) {
    // A downcall only throws when the binding itself is wrong: a programming error.
    return t instanceof Error err ? err : new LinkageError(call + " could not be called", t);
  }
}
