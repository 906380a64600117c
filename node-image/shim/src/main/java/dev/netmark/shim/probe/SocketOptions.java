package dev.netmark.shim.probe;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Socket options the probes set on every socket they open. */
public final class SocketOptions {
  private SocketOptions() {}

  /** Asks for the kernel's receive time with every message ({@code SO_TIMESTAMPNS}). */
  public static void timestamps(SocketCalls.Errno e, int fd, Arena arena) {
    // Without it the answer is dated when it is read: still correct, only less precise.
    setInt(e, fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_TIMESTAMPNS, 1, arena);
  }

  public static int setInt(
      SocketCalls.Errno e, int fd, int level, int name, int value, Arena arena) {
    MemorySegment v = arena.allocate(JAVA_INT);
    v.set(JAVA_INT, 0, value);
    return SocketCalls.setsockopt(e, fd, level, name, v);
  }
}
