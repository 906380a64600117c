package dev.netmark.bench.accuracy;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.netmark.shim.ffi.Native;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A listener on the kernel's process-events connector (netlink, {@code NETLINK_CONNECTOR}, group
 * {@code CN_IDX_PROC}; needs CAP_NET_ADMIN): every fork, exec and exit on the machine, stamped by
 * the kernel on CLOCK_MONOTONIC, into a {@link ProcLog}. One daemon thread drains the socket; its
 * receive buffer is made large (SO_RCVBUFFORCE) so that bursts of a busy machine fit, and what is
 * lost anyway (ENOBUFS) is counted in the log, never an error.
 */
final class ProcConnector implements AutoCloseable {
  private static final int AF_NETLINK = 16;
  private static final int SOCK_DGRAM = 2;
  private static final int SOCK_CLOEXEC = 0x80000;
  private static final int NETLINK_CONNECTOR = 11;
  private static final int SOL_SOCKET = 1;
  private static final int SO_RCVBUFFORCE = 33;
  private static final int MSG_DONTWAIT = 0x40;
  private static final int NLMSG_DONE = 3;
  private static final int PROC_CN_MCAST_LISTEN = 1;
  private static final int PROC_CN_MCAST_IGNORE = 2;
  private static final short POLLIN = 1;
  private static final int EINTR = 4;
  private static final int EAGAIN = 11;
  private static final int ENOBUFS = 105;
  private static final int RCVBUF_BYTES = 16 << 20;
  private static final int RECV_BYTES = 64 << 10;

  private static final MethodHandle SOCKET =
      Native.errnoCall("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
  private static final MethodHandle SETSOCKOPT =
      Native.errnoCall("setsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle BIND =
      Native.errnoCall("bind", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle SEND =
      Native.errnoCall("send", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
  private static final MethodHandle RECV =
      Native.errnoCall("recv", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
  private static final MethodHandle POLL =
      Native.errnoCall("poll", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
  private static final MethodHandle CLOSE = Native.call("close", JAVA_INT, JAVA_INT);

  private final int fd;
  private final ProcLog log;
  private final Thread reader;
  private volatile boolean closing;
  private volatile Throwable failure;

  private ProcConnector(int fd, ProcLog log) {
    this.fd = fd;
    this.log = log;
    this.reader = Thread.ofPlatform().daemon().name("proc-connector").unstarted(this::drain);
  }

  /**
   * Subscribes to the process events into {@code log} and checks that they arrive: the fork and
   * exit of a short process started here must be seen within {@code timeout}.
   *
   * @throws IOException naming the failing call, or saying that no event arrived (not root: the
   *     kernel refuses the subscription without CAP_NET_ADMIN in its acknowledgement only)
   */
  static ProcConnector open(ProcLog log, Duration timeout)
      throws IOException, InterruptedException {
    int fd;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment errno = Native.errnoState(arena);
      fd =
          check(
              (int)
                  SOCKET.invokeExact(
                      errno, AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_CONNECTOR),
              errno,
              "socket(AF_NETLINK, NETLINK_CONNECTOR)");
      try {
        MemorySegment size = arena.allocateFrom(JAVA_INT, RCVBUF_BYTES);
        check(
            (int) SETSOCKOPT.invokeExact(errno, fd, SOL_SOCKET, SO_RCVBUFFORCE, size, 4),
            errno,
            "setsockopt(SO_RCVBUFFORCE)");
        // struct sockaddr_nl: family, pad, nl_pid (0: the kernel picks), nl_groups.
        MemorySegment addr = arena.allocate(12, 4);
        addr.set(JAVA_SHORT, 0, (short) AF_NETLINK);
        addr.set(JAVA_INT, 8, ProcEvent.CN_IDX_PROC);
        check((int) BIND.invokeExact(errno, fd, addr, 12), errno, "bind(CN_IDX_PROC)");
        subscribe(arena, errno, fd, PROC_CN_MCAST_LISTEN);
      } catch (IOException | RuntimeException | Error e) {
        int unused = (int) CLOSE.invokeExact(fd);
        throw e;
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("process events: " + t, t);
    }
    ProcConnector c = new ProcConnector(fd, log);
    c.reader.start();
    try {
      c.selfCheck(timeout);
    } catch (IOException | InterruptedException | RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** Thrown by the reader, if it stopped on an error; null while it runs. */
  Throwable failure() {
    return failure;
  }

  // nlmsghdr + cn_msg + struct proc_input {mcast_op, event_type}: only fork, exec and exit are
  // sent to this socket (Linux 6.6+; older kernels read the op alone and send every event).
  private static void subscribe(Arena arena, MemorySegment errno, int fd, int op) throws Throwable {
    int len = ProcEvent.NLMSG_HDRLEN + ProcEvent.CN_MSG_LEN + 8;
    MemorySegment m = arena.allocate(len, 8);
    m.set(JAVA_INT, 0, len);
    m.set(JAVA_SHORT, 4, (short) NLMSG_DONE);
    int cn = ProcEvent.NLMSG_HDRLEN;
    m.set(JAVA_INT, cn, ProcEvent.CN_IDX_PROC);
    m.set(JAVA_INT, cn + 4, ProcEvent.CN_VAL_PROC);
    m.set(JAVA_SHORT, cn + 16, (short) 8);
    m.set(JAVA_INT, cn + ProcEvent.CN_MSG_LEN, op);
    int kinds = 0;
    for (ProcEvent.Kind k : ProcEvent.Kind.values()) {
      kinds |= k.what;
    }
    m.set(JAVA_INT, cn + ProcEvent.CN_MSG_LEN + 4, kinds);
    long sent = (long) SEND.invokeExact(errno, fd, m, (long) len, 0);
    if (sent != len) {
      throw new IOException(
          "send(PROC_CN_MCAST op " + op + "): " + Native.strerror(Native.errno(errno)));
    }
  }

  // A process of our own must show up with its fork and its exit, as the pods' will.
  private void selfCheck(Duration timeout) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("sleep", "0.2").start();
    long aliveNs = System.nanoTime(); // the JVM's start() returned: the process exists
    int pid = (int) p.pid();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new IOException("process events: sleep 0.2 did not end within " + timeout);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (log.life(pid, aliveNs).isEmpty()) {
      if (failure != null || System.nanoTime() > deadline) {
        throw new IOException(
            "process events: the fork and exit of pid "
                + pid
                + " (sleep 0.2) never arrived"
                + (failure != null ? ": " + failure : " (not root? it needs CAP_NET_ADMIN)"));
      }
      Thread.sleep(10);
    }
  }

  private void drain() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment errno = Native.errnoState(arena);
      MemorySegment buf = arena.allocate(RECV_BYTES, 8);
      MemorySegment pfd = arena.allocate(8, 4);
      while (!closing) {
        pfd.set(JAVA_INT, 0, fd);
        pfd.set(JAVA_SHORT, 4, POLLIN);
        pfd.set(JAVA_SHORT, 6, (short) 0);
        // A timeout so that close() is noticed; events wake it at once.
        int ready = (int) POLL.invokeExact(errno, pfd, 1L, 200);
        if (ready < 0 && Native.errno(errno) != EINTR) {
          throw new IOException("poll: " + Native.strerror(Native.errno(errno)));
        }
        while (ready > 0 && !closing) {
          long n = (long) RECV.invokeExact(errno, fd, buf, (long) RECV_BYTES, MSG_DONTWAIT);
          if (n < 0) {
            int e = Native.errno(errno);
            if (e == ENOBUFS) {
              log.overrun(); // events lost; the socket goes on with the next ones
              continue;
            }
            if (e == EAGAIN || e == EINTR) {
              break;
            }
            throw new IOException("recv: " + Native.strerror(e));
          }
          log.add(ProcEvent.parse(buf.asSlice(0, n).asByteBuffer()));
        }
      }
    } catch (Throwable t) {
      failure = t;
    }
  }

  private static int check(int rc, MemorySegment errno, String call) throws IOException {
    if (rc < 0) {
      throw new IOException(
          "process events: " + call + ": " + Native.strerror(Native.errno(errno)));
    }
    return rc;
  }

  @Override
  public void close() throws InterruptedException {
    closing = true;
    reader.join(Duration.ofSeconds(2));
    try (Arena arena = Arena.ofConfined()) {
      // Tidy: the kernel stops counting this listener; closing alone would do too.
      subscribe(arena, Native.errnoState(arena), fd, PROC_CN_MCAST_IGNORE);
    } catch (Throwable t) {
      // Nothing to do: the socket is closed next either way.
    }
    try {
      int unused = (int) CLOSE.invokeExact(fd);
    } catch (Throwable t) {
      // close(2) of our own socket: nothing a caller could do about a failure.
    }
  }
}
