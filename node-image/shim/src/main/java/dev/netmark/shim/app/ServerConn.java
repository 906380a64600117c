package dev.netmark.shim.app;

import dev.netmark.contract.MetricNames;
import dev.netmark.shim.probe.EventLoop;
import dev.netmark.shim.probe.Receiver;
import dev.netmark.shim.probe.SocketCalls;
import java.nio.charset.StandardCharsets;

/**
 * One accepted connection of a {@link ServeRun}. HTTP: reads the request ({@link HttpRequest}: the
 * head and its body, discarded), answers 200 with the body to a GET or POST, 405 to another method,
 * and closes; a request refused from its head is answered at once, and what the client still sends
 * is discarded until its end of stream (at most {@link #MAX_LINGER} bytes) so the refusal reaches
 * it rather than a reset. TCP: reads the preamble line {@code NETMARK/1 <edge> <via>}, then echoes
 * or discards what follows and closes at the client's end of stream. Either tells the run when the
 * client came through the Service VIP. Loop thread only.
 */
final class ServerConn implements EventLoop.Handler {
  static final int MAX_HEAD = 8192;
  static final long MAX_LINGER = 4 * HttpRequest.MAX_BODY;

  private final ServeRun run;
  private final int fd;
  private final ServeCommand command;
  private final StringBuilder head = new StringBuilder();
  private final HttpRequest request; // null for TCP
  private final Outbox out = new Outbox();
  private long firstArrival;
  private boolean headDone;
  private boolean lingering;
  private long discarded;
  private boolean inputDone;
  private boolean closed;

  ServerConn(ServeRun run, int fd, ServeCommand command) {
    this.run = run;
    this.fd = fd;
    this.command = command;
    this.request = command.http() ? new HttpRequest() : null;
  }

  @Override
  public void ready(int events) {
    if (!inputDone) {
      read();
    }
    if (!closed && !out.empty()) {
      flush();
    }
    if (!closed && out.empty() && inputDone) {
      close();
    }
  }

  private void read() {
    Receiver r = run.io().loop().receiver();
    int n = 0;
    while (!inputDone
        && !closed
        && (n = r.receive(run.io().errno(), fd, Receiver.DATA_BYTES)) > 0) {
      if (firstArrival == 0) {
        firstArrival = r.arrivalNanos;
      }
      if (command.http()) {
        http(r.data, n);
      } else {
        tcp(r.data, n);
      }
      if (!closed && !out.empty() && flush() != 0) {
        return; // the socket is full: read again once it has drained
      }
    }
    if (!closed && !inputDone && n != -SocketCalls.EAGAIN) {
      inputDone = true; // end of stream or an error: answer what is owed, then close
    }
  }

  private void http(byte[] data, int n) {
    if (lingering) {
      discarded += n;
      if (discarded > MAX_LINGER) {
        close();
      }
      return;
    }
    boolean before = request.headDone();
    request.consume(data, n);
    if (!before && request.headDone() && request.viaService()) {
      run.viaService(firstArrival);
    }
    String status = request.status();
    if (status == null) {
      return;
    }
    boolean ok = status.startsWith("200");
    byte[] why = (ok ? "" : request.reason() + "\n").getBytes(StandardCharsets.US_ASCII);
    long body = ok ? command.bodyBytes() : why.length;
    out.add(
            ("HTTP/1.1 " + status + "\r\nContent-Length: " + body + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII))
        .add(why)
        .fill(ok ? body : 0);
    lingering = request.refused();
    inputDone = !lingering;
  }

  private void tcp(byte[] data, int n) {
    int at = 0;
    while (!headDone && at < n) {
      char c = (char) (data[at++] & 0xff);
      head.append(c);
      if (c == '\n') {
        headDone = true;
        String[] words = head.toString().strip().split(" ");
        if (words.length != 3 || !words[0].equals(MetricNames.TCP_PREAMBLE)) {
          close(); // not a netmark client
          return;
        }
        if (words[2].equals("service")) {
          run.viaService(firstArrival);
        }
      } else if (head.length() >= MAX_HEAD) {
        close();
        return;
      }
    }
    if (headDone && command.serves().equals("tcp-echo") && at < n) {
      out.add(data, at, n - at);
    }
  }

  /** Writes what is owed; returns 0 when done, 1 when the socket is full. */
  private int flush() {
    int rc = out.drain(run.io(), fd);
    if (rc < 0) {
      close();
      return 1;
    }
    if (rc == 0 && lingering) {
      // The refusal is out: the client sees its end, and the server reads on to the client's.
      SocketCalls.shutdown(run.io().errno(), fd, SocketCalls.SHUT_WR);
    }
    run.io().loop().modify(fd, rc == 1 ? SocketCalls.EPOLLOUT : SocketCalls.EPOLLIN);
    return rc;
  }

  void close() {
    if (!closed) {
      closed = true;
      run.io().loop().closeFd(fd);
      run.closed(this);
    }
  }
}
