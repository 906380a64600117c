package dev.netmark.shim.cni;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Drains one output stream of a plugin on a virtual thread, bounded or keeping only a tail. */
final class OutputReader {
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final Thread thread;
  private volatile boolean overflowed;
  private volatile IOException failure;

  private OutputReader(InputStream in, int limit, boolean keepTail, Process owner) {
    this.thread =
        Thread.ofVirtual().name("cni-output").start(() -> drain(in, limit, keepTail, owner));
  }

  /** Keeps up to {@code limit} bytes; beyond that marks overflow and kills {@code owner}. */
  static OutputReader bounded(InputStream in, int limit, Process owner) {
    return new OutputReader(in, limit, false, owner);
  }

  /** Reads everything, keeps the last {@code tail} bytes. */
  static OutputReader tail(InputStream in, int tail) {
    return new OutputReader(in, tail, true, null);
  }

  private void drain(InputStream in, int limit, boolean keepTail, Process owner) {
    byte[] chunk = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(chunk)) > 0) {
        synchronized (buffer) {
          buffer.write(chunk, 0, n);
          if (buffer.size() > limit) {
            if (!keepTail) {
              overflowed = true;
              ProcessTrees.kill(owner);
              return;
            }
            byte[] all = buffer.toByteArray();
            buffer.reset();
            buffer.write(all, all.length - limit, limit);
          }
        }
      }
    } catch (IOException e) {
      failure = e;
    }
  }

  /** Waits until the stream is drained; false if it is still open after {@code nanos}. */
  boolean await(long nanos) throws InterruptedException {
    return thread.join(Duration.ofNanos(Math.max(1, nanos)));
  }

  boolean overflowed() {
    return overflowed;
  }

  /** What was read, as UTF-8; a read error is appended so it is not lost. */
  String text() {
    synchronized (buffer) {
      String s = buffer.toString(StandardCharsets.UTF_8);
      return failure == null ? s : s + " [read error: " + failure.getMessage() + "]";
    }
  }
}
