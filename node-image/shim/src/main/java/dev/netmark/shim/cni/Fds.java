package dev.netmark.shim.cni;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.netmark.shim.ffi.Native;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The descriptors of one plugin process: three pipes (the child's ends are closed right after the
 * spawn) and a pidfd that becomes readable when the process exits. -1 marks a closed descriptor.
 */
final class Fds {
  int stdinParent = -1;
  int stdinChild = -1;
  int stdoutParent = -1;
  int stdoutChild = -1;
  int stderrParent = -1;
  int stderrChild = -1;
  int pidfd = -1;

  private Fds() {}

  /** Three close-on-exec pipes; the spawn's dup2 gives the child its ends without the flag. */
  static Fds open(Arena arena) throws IOException {
    Fds f = new Fds();
    try {
      int[] in = pipe(arena);
      f.stdinChild = in[0];
      f.stdinParent = in[1];
      int[] out = pipe(arena);
      f.stdoutParent = out[0];
      f.stdoutChild = out[1];
      int[] err = pipe(arena);
      f.stderrParent = err[0];
      f.stderrChild = err[1];
      return f;
    } catch (IOException | RuntimeException e) {
      f.closeAll();
      throw e;
    }
  }

  private static int[] pipe(Arena arena) throws IOException {
    MemorySegment state = Native.errnoState(arena);
    MemorySegment pair = arena.allocate(JAVA_INT, 2);
    try {
      check((int) Posix.PIPE2.invokeExact(state, pair, Posix.O_CLOEXEC), state, "pipe2");
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("pipe2 could not be called: " + t, t);
    }
    return new int[] {pair.getAtIndex(JAVA_INT, 0), pair.getAtIndex(JAVA_INT, 1)};
  }

  /** Returns {@code rc} unless it is negative, then throws with {@code strerror(errno)}. */
  static int check(int rc, MemorySegment state, String call) throws IOException {
    if (rc < 0) {
      int errno = Native.errno(state);
      throw new IOException(call + " failed: " + Native.strerror(errno) + " (errno " + errno + ")");
    }
    return rc;
  }

  void closeChildEnds() {
    stdinChild = close(stdinChild);
    stdoutChild = close(stdoutChild);
    stderrChild = close(stderrChild);
  }

  void closeAll() {
    closeChildEnds();
    stdinParent = close(stdinParent);
    stdoutParent = close(stdoutParent);
    stderrParent = close(stderrParent);
    pidfd = close(pidfd);
  }

  /** Closes {@code fd} if open; returns -1 for the caller to store. */
  static int close(int fd) {
    if (fd >= 0) {
      try (Arena arena = Arena.ofConfined()) {
        // close(2) errors leave nothing to retry on Linux: the descriptor is gone either way.
        int unused = (int) Posix.CLOSE.invokeExact(Native.errnoState(arena), fd);
      } catch (Throwable t) {
        throw new IllegalStateException("close(" + fd + ") could not be called: " + t, t);
      }
    }
    return -1;
  }
}
