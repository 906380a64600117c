package dev.netmark.shim.cni;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.netmark.shim.ffi.Native;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * Feeds a {@link PluginProcess} its stdin and collects stdout (bounded) and the tail of stderr with
 * one {@code poll(2)} loop on the calling thread, until the process has exited and both streams are
 * closed, or the deadline passes. Blocks a carrier: call it from a platform thread.
 */
final class PluginPipes {
  /** How the exchange ended. */
  enum Ending {
    /** Exited and closed its output; {@link PluginProcess#exitValue} is set. */
    EXITED,
    /** Still running at the deadline; killed with its descendants. */
    TIMED_OUT,
    /** Exited, but a descendant kept stdout or stderr open until the deadline; all killed. */
    OUTPUT_LEFT_OPEN,
    /** Wrote more than the bound to stdout; killed. */
    OUTPUT_TOO_LARGE,
    /** The calling thread was interrupted; killed. */
    INTERRUPTED
  }

  /**
   * What the plugin wrote, and how it ended.
   *
   * @param endNanos {@link System#nanoTime} when the exchange saw its end (for {@link
   *     Ending#EXITED}: the plugin reaped and its output closed), before any clean-up of the shim's
   */
  record Result(Ending ending, String stdout, String stderr, long endNanos) {}

  private static final int CHUNK = 8192;
  // A write of at most PIPE_BUF bytes to a pipe that polled writable does not block.
  private static final int PIPE_BUF = 4096;
  private static final int POLL_SLICE_MS = 100;
  private static final int POLLFD_BYTES = 8;

  private PluginPipes() {}

  static Result run(PluginProcess p, byte[] stdin, int maxStdout, int stderrTail, long deadline)
      throws IOException {
    Fds fds = p.fds();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int written = 0;
    if (stdin.length == 0) {
      fds.stdinParent = Fds.close(fds.stdinParent);
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Native.errnoState(arena);
      MemorySegment input = arena.allocateFrom(JAVA_BYTE, stdin);
      MemorySegment buffer = arena.allocate(CHUNK);
      MemorySegment polls = arena.allocate(POLLFD_BYTES * 4L, 8);
      while (true) {
        boolean exited = fds.pidfd < 0;
        if (exited && fds.stdoutParent < 0 && fds.stderrParent < 0) {
          return result(Ending.EXITED, out, err);
        }
        if (Thread.currentThread().isInterrupted()) {
          return killed(p, Ending.INTERRUPTED, out, err);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return killed(p, exited ? Ending.OUTPUT_LEFT_OPEN : Ending.TIMED_OUT, out, err);
        }
        int[] watched = {fds.stdinParent, fds.stdoutParent, fds.stderrParent, fds.pidfd};
        short[] events = {Posix.POLLOUT, Posix.POLLIN, Posix.POLLIN, Posix.POLLIN};
        int count = 0;
        for (int i = 0; i < watched.length; i++) {
          if (watched[i] >= 0) {
            polls.set(JAVA_INT, count * POLLFD_BYTES, watched[i]);
            polls.set(JAVA_SHORT, count * POLLFD_BYTES + 4L, events[i]);
            polls.set(JAVA_SHORT, count * POLLFD_BYTES + 6L, (short) 0);
            count++;
          }
        }
        long n = count;
        int timeoutMs = (int) Math.min(POLL_SLICE_MS, Math.max(1, (left + 999_999) / 1_000_000));
        int rc = call(() -> (int) Posix.POLL.invokeExact(state, polls, n, timeoutMs));
        if (rc < 0) {
          if (Native.errno(state) == Posix.EINTR) {
            continue;
          }
          Fds.check(rc, state, "poll");
        }
        for (int k = 0; k < n; k++) {
          short revents = polls.get(JAVA_SHORT, k * POLLFD_BYTES + 6L);
          if (revents == 0) {
            continue;
          }
          int fd = polls.get(JAVA_INT, k * POLLFD_BYTES);
          if (fd == fds.stdinParent) {
            written = feed(fds, input, written, revents, state);
          } else if (fd == fds.stdoutParent) {
            fds.stdoutParent = drain(fd, buffer, out, state);
            if (out.size() > maxStdout) {
              return killed(p, Ending.OUTPUT_TOO_LARGE, out, err);
            }
          } else if (fd == fds.stderrParent) {
            fds.stderrParent = drain(fd, buffer, err, state);
            keepTail(err, stderrTail);
          } else if (fd == fds.pidfd && p.reapIfExited()) {
            fds.pidfd = Fds.close(fds.pidfd);
            // The plugin is gone: whatever it did not read of its config never will be.
            fds.stdinParent = Fds.close(fds.stdinParent);
          }
        }
      }
    }
  }

  // Writes the next piece of stdin; closes it when done or when the plugin closed its end.
  private static int feed(
      Fds fds, MemorySegment input, int written, short revents, MemorySegment st)
      throws IOException {
    if ((revents & Posix.POLLOUT) == 0) {
      fds.stdinParent = Fds.close(fds.stdinParent); // POLLERR: the read end is closed
      return written;
    }
    long len = Math.min(PIPE_BUF, input.byteSize() - written);
    int fd = fds.stdinParent;
    long w = callLong(() -> (long) Posix.WRITE.invokeExact(st, fd, input.asSlice(written), len));
    if (w < 0) {
      int errno = Native.errno(st);
      if (errno == Posix.EINTR || errno == Posix.EAGAIN) {
        return written;
      }
      if (errno != Posix.EPIPE) {
        Fds.check((int) w, st, "write to the plugin's stdin");
      }
      fds.stdinParent = Fds.close(fds.stdinParent);
      return written;
    }
    int total = written + (int) w;
    if (total >= input.byteSize()) {
      fds.stdinParent = Fds.close(fds.stdinParent);
    }
    return total;
  }

  // Reads what is there; returns the descriptor, or -1 once closed at end of stream.
  private static int drain(int fd, MemorySegment buffer, ByteArrayOutputStream to, MemorySegment st)
      throws IOException {
    long r = callLong(() -> (long) Posix.READ.invokeExact(st, fd, buffer, (long) CHUNK));
    if (r > 0) {
      to.write(buffer.asSlice(0, r).toArray(JAVA_BYTE));
      return fd;
    }
    if (r < 0) {
      int errno = Native.errno(st);
      if (errno == Posix.EINTR || errno == Posix.EAGAIN) {
        return fd;
      }
      Fds.check((int) r, st, "read from the plugin");
    }
    return Fds.close(fd);
  }

  private static void keepTail(ByteArrayOutputStream err, int tail) {
    if (err.size() > tail) {
      byte[] all = err.toByteArray();
      err.reset();
      err.write(all, all.length - tail, tail);
    }
  }

  private static Result killed(
      PluginProcess p, Ending ending, ByteArrayOutputStream out, ByteArrayOutputStream err) {
    p.killTree();
    return result(ending, out, err);
  }

  private static Result result(Ending ending, ByteArrayOutputStream out, ByteArrayOutputStream e) {
    long end = System.nanoTime();
    return new Result(
        ending, out.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8), end);
  }

  @FunctionalInterface
  private interface IntCall {
    int call() throws Throwable;
  }

  @FunctionalInterface
  private interface LongCall {
    long call() throws Throwable;
  }

  private static int call(IntCall c) {
    try {
      return c.call();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("a libc call failed to run: " + t, t);
    }
  }

  private static long callLong(LongCall c) {
    try {
      return c.call();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("a libc call failed to run: " + t, t);
    }
  }
}
