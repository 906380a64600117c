package dev.netmark.shim.app;

import dev.netmark.contract.MetricNames;
import dev.netmark.shim.probe.EventLoop;
import dev.netmark.shim.probe.Receiver;
import dev.netmark.shim.probe.SocketCalls;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One accepted connection of a {@link ServeRun}. HTTP: reads the request head, answers 200 with the
 * body to a GET (405 otherwise) and closes. TCP: reads the preamble line {@code NETMARK/1 <edge>
 * <via>}, then echoes or discards what follows and closes at the client's end of stream. Either
 * tells the run when the client came through the Service VIP. Loop thread only.
 */
final class ServerConn implements EventLoop.Handler {
  static final int MAX_HEAD = 8192;

  private final ServeRun run;
  private final int fd;
  private final ServeCommand command;
  private final StringBuilder head = new StringBuilder();
  private final Outbox out = new Outbox();
  private long firstArrival;
  private boolean headDone;
  private boolean inputDone;
  private boolean closed;

  ServerConn(ServeRun run, int fd, ServeCommand command) {
    this.run = run;
    this.fd = fd;
    this.command = command;
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
      int at = 0;
      while (!headDone && at < n) {
        char c = (char) (r.data[at++] & 0xff);
        head.append(c);
        if (c == '\n' && (!command.http() || endsWithBlankLine())) {
          headDone = true;
          onHead();
        } else if (head.length() >= MAX_HEAD) {
          close();
          return;
        }
      }
      if (headDone && command.serves().equals("tcp-echo") && at < n) {
        out.add(r.data, at, n - at);
      }
      if (!closed && !out.empty() && flush() != 0) {
        return; // the socket is full: read again once it has drained
      }
    }
    if (!closed && !inputDone && n != -SocketCalls.EAGAIN) {
      inputDone = true; // end of stream or an error: answer what is owed, then close
    }
  }

  private boolean endsWithBlankLine() {
    int len = head.length();
    return len >= 4 && head.charAt(len - 2) == '\r' && head.charAt(len - 3) == '\n';
  }

  private void onHead() {
    String text = head.toString();
    if (command.http()) {
      inputDone = true;
      if (via(text)) {
        run.viaService(firstArrival);
      }
      boolean get = text.startsWith("GET ");
      String status = get ? "200 OK" : "405 Method Not Allowed";
      long body = get ? command.bodyBytes() : 0;
      out.add(
              ("HTTP/1.1 "
                      + status
                      + "\r\nContent-Length: "
                      + body
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII))
          .fill(body);
    } else {
      String[] words = text.strip().split(" ");
      if (words.length != 3 || !words[0].equals(MetricNames.TCP_PREAMBLE)) {
        close(); // not a netmark client
        return;
      }
      if (words[2].equals("service")) {
        run.viaService(firstArrival);
      }
    }
  }

  private static boolean via(String head) {
    String want = MetricNames.VIA_HEADER.toLowerCase(Locale.ROOT) + ":";
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith(want)) {
        return line.substring(want.length()).strip().equals("service");
      }
    }
    return false;
  }

  /** Writes what is owed; returns 0 when done, 1 when the socket is full. */
  private int flush() {
    int rc = out.drain(run.io(), fd);
    if (rc < 0) {
      close();
      return 1;
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
