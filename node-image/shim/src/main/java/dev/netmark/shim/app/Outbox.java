package dev.netmark.shim.app;

import dev.netmark.shim.probe.SocketCalls;
import java.util.Arrays;

/**
 * What a connection still has to write: bytes (a request, a response header, data to echo) and then
 * a count of filler bytes (a body or payload). Loop thread only.
 */
final class Outbox {
  private byte[] buf = new byte[0];
  private int start;
  private int end;
  private long fill;

  Outbox add(byte[] b, int off, int len) {
    if (end + len > buf.length) {
      byte[] next = new byte[Math.max(end - start + len, buf.length * 2)];
      System.arraycopy(buf, start, next, 0, end - start);
      end -= start;
      start = 0;
      buf = next;
    }
    System.arraycopy(b, off, buf, end, len);
    end += len;
    return this;
  }

  Outbox add(byte[] b) {
    return add(b, 0, b.length);
  }

  Outbox fill(long bytes) {
    fill += bytes;
    return this;
  }

  boolean empty() {
    return start == end && fill == 0;
  }

  /**
   * Writes as much as the socket takes.
   *
   * @return 0 when all is written, 1 when the socket is full (wait for EPOLLOUT), or {@code -errno}
   */
  int drain(AppLoop io, int fd) {
    while (!empty()) {
      long n = start < end ? io.send(fd, buf, start, end - start) : io.sendFill(fd, fill);
      if (n == -SocketCalls.EAGAIN) {
        return 1;
      }
      if (n < 0) {
        return (int) n;
      }
      if (start < end) {
        start += (int) n;
        if (start == end) {
          start = end = 0;
          if (buf.length > AppLoop.CHUNK) {
            buf = Arrays.copyOf(buf, 0);
          }
        }
      } else {
        fill -= n;
      }
    }
    return 0;
  }
}
