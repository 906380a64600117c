package dev.netmark.shim.probe;

import dev.netmark.shim.ffi.Native;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One TCP connection of an {@link HttpRun}: non-blocking connect, the GET, then the status line.
 * Loop thread only.
 */
final class HttpAttempt implements EventLoop.Handler {
  private static final int MAX_STATUS_LINE = 256;
  private static final long SYN_RTO_NANOS = 1_000_000_000L;

  private final HttpRun run;
  private final EventLoop loop;
  private final int fd;
  // When the packet that the handshake answered went out: the first SYN, or the kernel's
  // retransmission of it (set when the handshake completes).
  private long sentNanos;
  private final byte[] request;
  private final StringBuilder line = new StringBuilder();
  private boolean connected;
  private boolean closed;
  private EventLoop.Timer responseTimer;

  private HttpAttempt(HttpRun run, int fd, long sentNanos, byte[] request) {
    this.run = run;
    this.loop = run.pod.loop();
    this.fd = fd;
    this.sentNanos = sentNanos;
    this.request = request;
  }

  /**
   * Starts connecting on {@code fd}, a socket from {@link #socket}, or on a new one when {@code fd}
   * is negative.
   *
   * @return the attempt, or null when the connect failed at once (recorded on the run)
   */
  static HttpAttempt connect(HttpRun run, MemorySegment address, byte[] request, int fd) {
    EventLoop loop = run.pod.loop();
    SocketCalls.Errno e = loop.errno;
    if (fd < 0) {
      fd = socket(run, address);
    }
    long sent = System.nanoTime();
    int rc = SocketCalls.connect(e, fd, address);
    if (rc < 0 && rc != -SocketCalls.EINPROGRESS) {
      SocketCalls.close(e, fd);
      run.failedAttempt("connect: " + Native.strerror(-rc));
      return null;
    }
    HttpAttempt attempt = new HttpAttempt(run, fd, sent, request);
    int reg = loop.register(fd, SocketCalls.EPOLLOUT, attempt);
    if (reg < 0) {
      SocketCalls.close(e, fd);
      throw new ProbeSetupException("epoll_ctl: " + Native.strerror(-reg));
    }
    return attempt;
  }

  /**
   * A non-blocking TCP socket for {@code address}'s family, made in the pod's namespace, with the
   * options every attempt uses.
   *
   * @throws ProbeSetupException when the socket cannot be made
   */
  static int socket(HttpRun run, MemorySegment address) {
    SocketCalls.Errno e = run.pod.loop().errno;
    int family = address.byteSize() == 28 ? SocketCalls.AF_INET6 : SocketCalls.AF_INET;
    int fd =
        run.pod.inNamespace(
            () ->
                SocketCalls.socket(
                    e,
                    family,
                    SocketCalls.SOCK_STREAM | SocketCalls.SOCK_NONBLOCK | SocketCalls.SOCK_CLOEXEC,
                    SocketCalls.IPPROTO_TCP));
    if (fd < 0) {
      throw new ProbeSetupException("TCP socket: " + Native.strerror(-fd));
    }
    try (Arena a = Arena.ofConfined()) {
      SocketOptions.setInt(e, fd, SocketCalls.IPPROTO_TCP, SocketCalls.TCP_NODELAY, 1, a);
      SocketOptions.timestamps(e, fd, a);
    }
    return fd;
  }

  /**
   * When the kernel sends the k-th retransmission of a SYN, after the first: its initial
   * retransmission timeout ({@code TCP_TIMEOUT_INIT}, 1 s), doubled after each, so 1, 3, 7, 15 s.
   */
  static long synRetransmissionDelayNanos(int k) {
    return ((1L << Math.min(k, 20)) - 1) * SYN_RTO_NANOS;
  }

  long sentNanos() {
    return sentNanos;
  }

  boolean closed() {
    return closed;
  }

  void expectResponseBy(EventLoop.Timer timer) {
    responseTimer = timer;
  }

  @Override
  public void ready(int events) {
    if (closed) {
      return;
    }
    if (!connected) {
      onConnect();
    } else {
      onReadable();
    }
  }

  private void onConnect() {
    SocketCalls.Errno e = loop.errno;
    int err;
    int resent;
    try (Arena a = Arena.ofConfined()) {
      err =
          SocketCalls.getsockoptInt(
              e, fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_ERROR, a.allocate(8, 4));
      resent = err != 0 ? 0 : SocketCalls.tcpRetransmissions(e, fd, a);
    }
    if (err != 0) {
      run.attemptFailed(this, "connect: " + Native.strerror(Math.abs(err)));
      return;
    }
    if (resent > 0) {
      // The SYN-ACK answered the kernel's k-th retransmission of the SYN, not this attempt's own
      // SYN: date the attempt when that retransmission went out, or the path would be dated up to
      // seconds before it came up.
      sentNanos = Math.min(sentNanos + synRetransmissionDelayNanos(resent), System.nanoTime());
    }
    connected = true;
    run.connected(this);
    if (closed) {
      return;
    }
    long n;
    try (Arena a = Arena.ofConfined()) {
      MemorySegment buf = a.allocateFrom(java.lang.foreign.ValueLayout.JAVA_BYTE, request);
      n =
          SocketCalls.sendto(
              e, fd, buf, request.length, SocketCalls.MSG_NOSIGNAL, MemorySegment.NULL);
    }
    if (n != request.length) {
      run.attemptFailed(this, n < 0 ? "send: " + Native.strerror((int) -n) : "send: short write");
      return;
    }
    loop.modify(fd, SocketCalls.EPOLLIN);
  }

  private void onReadable() {
    Receiver r = loop.receiver;
    int n;
    while ((n = r.receive(loop.errno, fd, MAX_STATUS_LINE)) > 0) {
      for (int i = 0; i < n; i++) {
        char c = (char) (r.data[i] & 0xff);
        if (c == '\n' || line.length() >= MAX_STATUS_LINE) {
          status(r.arrivalNanos, r.readNanos);
          return;
        }
        if (c != '\r') {
          line.append(c);
        }
      }
    }
    if (n == 0) {
      run.attemptFailed(this, "connection closed before a full HTTP status line");
    } else if (n != -SocketCalls.EAGAIN) {
      run.attemptFailed(this, "recv: " + Native.strerror(-n));
    }
  }

  private void status(long arrival, long read) {
    String status = line.toString();
    String[] parts = status.split(" ", 3);
    int code = -1;
    if (parts.length >= 2 && parts[0].startsWith("HTTP/")) {
      try {
        code = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        code = -1;
      }
    }
    if (code < 0) {
      run.attemptFailed(this, "not an HTTP response: '" + status + "'");
    } else if (code >= 400) {
      run.attemptFailed(this, "HTTP status " + code);
    } else {
      run.attemptAnswered(this, arrival, read);
    }
  }

  void close() {
    if (!closed) {
      closed = true;
      if (responseTimer != null) {
        responseTimer.cancel();
      }
      loop.closeFd(fd);
    }
  }
}
