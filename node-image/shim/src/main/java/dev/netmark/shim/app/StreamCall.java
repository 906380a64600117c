package dev.netmark.shim.app;

import dev.netmark.contract.MetricNames;
import dev.netmark.shim.probe.EventLoop;
import dev.netmark.shim.probe.Receiver;
import dev.netmark.shim.probe.SockAddr;
import dev.netmark.shim.probe.SocketCalls;
import java.lang.foreign.Arena;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP or TCP request of a {@link CallRun} on a fresh connection (so a VIP is DNAT-ed for each
 * request). HTTP: a GET with {@code X-Netmark-Via}, or a POST with a body of the edge's size when
 * it has one, answered when the whole answer's body is in. TCP: the preamble line and the payload,
 * then the client's end of stream; answered when the server closes, having echoed the whole payload
 * (tcp-echo) or read it (tcp-sink). Latency runs from the connect to the kernel's arrival time of
 * the answer's last byte. Loop thread only.
 */
final class StreamCall implements EventLoop.Handler, CallRun.InFlight {
  private final CallRun run;
  private final RequestSeconds.Ticket ticket;
  private final int fd;
  private final long sentNanos;
  private final boolean http;
  private final boolean echo;
  private final Outbox out = new Outbox();
  private final HttpAnswer answer = new HttpAnswer();
  private EventLoop.Timer timer;
  private boolean connected;
  private long received;
  private long lastArrival;
  private boolean done;

  private StreamCall(
      CallRun run, RequestSeconds.Ticket ticket, int fd, long sentNanos, TierResolver.Target t) {
    this.run = run;
    this.ticket = ticket;
    this.fd = fd;
    this.sentNanos = sentNanos;
    this.http = run.call().protocol().equals("http");
    this.echo = t.serves().equals("tcp-echo");
    this.lastArrival = sentNanos;
  }

  static void start(CallRun run, RequestSeconds.Ticket ticket, TierResolver.Target t) {
    AppLoop io = run.io();
    int fd = io.tcpSocket(run.netns(), t.address() instanceof Inet6Address);
    if (fd < 0) {
      run.failed(null, ticket, Causes.of(-fd));
      return;
    }
    long sent = System.nanoTime();
    int rc;
    try (Arena a = Arena.ofConfined()) {
      rc = SocketCalls.connect(io.errno(), fd, SockAddr.of(a, t.address(), t.port()));
    }
    if (rc < 0 && rc != -SocketCalls.EINPROGRESS) {
      SocketCalls.close(io.errno(), fd);
      run.failed(null, ticket, Causes.of(-rc));
      return;
    }
    StreamCall c = new StreamCall(run, ticket, fd, sent, t);
    c.out.add(c.request(t)).fill(run.call().sizeBytes());
    int registered = io.loop().register(fd, SocketCalls.EPOLLOUT, c);
    if (registered < 0) {
      SocketCalls.close(io.errno(), fd);
      run.failed(null, ticket, Causes.of(-registered));
      return;
    }
    run.opened(c);
    c.timer = io.loop().at(sent + run.call().timeout().toNanos(), () -> c.fail("timeout"));
  }

  private byte[] request(TierResolver.Target t) {
    CallCommand call = run.call();
    int size = call.sizeBytes();
    String text =
        http
            ? (size > 0 ? "POST" : "GET")
                + " / HTTP/1.1\r\nHost: "
                + (t.address() instanceof Inet6Address ? "[" + t.text() + "]" : t.text())
                + ":"
                + t.port()
                + "\r\nUser-Agent: netmark\r\n"
                + MetricNames.VIA_HEADER
                + ": "
                + call.via()
                + (size > 0 ? "\r\nContent-Length: " + size : "")
                + "\r\nConnection: close\r\n\r\n"
            : MetricNames.TCP_PREAMBLE + " " + call.edge() + " " + call.via() + "\n";
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void ready(int events) {
    if (done) {
      return;
    }
    AppLoop io = run.io();
    if (!connected) {
      int err = io.socketError(fd);
      if (err != 0) {
        fail(Causes.of(err));
        return;
      }
      connected = true;
    }
    if (!out.empty()) {
      int rc = out.drain(io, fd);
      if (rc < 0) {
        fail(Causes.of(-rc));
        return;
      }
      if (rc == 1) {
        return; // still EPOLLOUT: the rest goes when the socket drains
      }
      if (!http) {
        SocketCalls.shutdown(io.errno(), fd, SocketCalls.SHUT_WR);
      }
      io.loop().modify(fd, SocketCalls.EPOLLIN);
    }
    read();
  }

  private void read() {
    Receiver r = run.io().loop().receiver();
    int n;
    while ((n = r.receive(run.io().errno(), fd, Receiver.DATA_BYTES)) > 0) {
      lastArrival = r.arrivalNanos;
      received += n;
      if (http) {
        String failed = answer.consume(r.data, n);
        if (failed != null) {
          fail(failed);
          return;
        }
        if (answer.complete()) {
          answered(lastArrival);
          return;
        }
      }
    }
    if (n == 0) {
      if (http) {
        if (answer.completeAtEnd()) {
          answered(lastArrival);
        } else {
          fail("short");
        }
      } else if (!echo || received == run.call().sizeBytes()) {
        answered(received == 0 ? r.readNanos : lastArrival);
      } else {
        fail("short");
      }
    } else if (n != -SocketCalls.EAGAIN) {
      fail(Causes.of(-n));
    }
  }

  private void answered(long endNanos) {
    if (close()) {
      run.answered(this, ticket, sentNanos, endNanos);
    }
  }

  private void fail(String cause) {
    if (close()) {
      run.failed(this, ticket, cause);
    }
  }

  @Override
  public void abandon() {
    close();
  }

  private boolean close() {
    if (done) {
      return false;
    }
    done = true;
    if (timer != null) {
      timer.cancel();
    }
    run.io().loop().closeFd(fd);
    return true;
  }
}
