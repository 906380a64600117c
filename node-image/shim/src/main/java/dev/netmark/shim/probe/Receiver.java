package dev.netmark.shim.probe;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Instant;

/**
 * recvmsg(2) with the kernel's receive timestamp ({@code SO_TIMESTAMPNS}): the loop thread's one
 * set of buffers. After {@link #receive} the packet is in {@link #data} and {@link #arrivalNanos}
 * holds when the kernel received it, on the {@link System#nanoTime()} scale, so a reply read late
 * by a busy thread still carries the time it arrived.
 */
public final class Receiver {
  public static final int DATA_BYTES = 2048;
  private static final long MSG_NAME = 0;
  private static final long MSG_NAMELEN = 8;
  private static final long MSG_IOV = 16;
  private static final long MSG_IOVLEN = 24;
  private static final long MSG_CONTROL = 32;
  private static final long MSG_CONTROLLEN = 40;
  private static final long CONTROL_BYTES = 128;

  private final MemorySegment msghdr;
  private final MemorySegment iov;
  private final MemorySegment name;
  private final MemorySegment control;
  private final MemorySegment buffer;
  public final byte[] data = new byte[DATA_BYTES];
  public long arrivalNanos;
  public long readNanos;

  Receiver(Arena arena) {
    msghdr = arena.allocate(56, 8);
    iov = arena.allocate(16, 8);
    name = arena.allocate(28, 8);
    control = arena.allocate(CONTROL_BYTES, 8);
    buffer = arena.allocate(DATA_BYTES, 8);
    iov.set(ADDRESS, 0, buffer);
    iov.set(JAVA_LONG, 8, DATA_BYTES);
  }

  /**
   * Reads one message without blocking.
   *
   * @return its length (copied to {@link #data}), 0 at end of stream, or {@code -errno}
   */
  public int receive(SocketCalls.Errno errno, int fd, int maxBytes) {
    msghdr.set(ADDRESS, MSG_NAME, name);
    msghdr.set(JAVA_INT, MSG_NAMELEN, (int) name.byteSize());
    msghdr.set(ADDRESS, MSG_IOV, iov);
    msghdr.set(JAVA_LONG, MSG_IOVLEN, 1);
    msghdr.set(ADDRESS, MSG_CONTROL, control);
    msghdr.set(JAVA_LONG, MSG_CONTROLLEN, CONTROL_BYTES);
    msghdr.set(JAVA_INT, 48, 0);
    iov.set(JAVA_LONG, 8, Math.min(maxBytes, DATA_BYTES));
    long n = SocketCalls.recvmsg(errno, fd, msghdr, SocketCalls.MSG_DONTWAIT);
    readNanos = System.nanoTime();
    if (n <= 0) {
      return (int) n;
    }
    MemorySegment.copy(buffer, JAVA_BYTE, 0, data, 0, (int) n);
    arrivalNanos = arrival(kernelRealtimeNanos());
    return (int) n;
  }

  /** The source address of the last message, as the kernel filled {@code msg_name}. */
  MemorySegment sourceName() {
    return name;
  }

  /** The SCM_TIMESTAMPNS control message's time in realtime nanoseconds, or 0 when absent. */
  private long kernelRealtimeNanos() {
    long len = msghdr.get(JAVA_LONG, MSG_CONTROLLEN);
    long at = 0;
    while (at + 16 <= len) {
      long cmsgLen = control.get(JAVA_LONG, at);
      int level = control.get(JAVA_INT, at + 8);
      int type = control.get(JAVA_INT, at + 12);
      if (cmsgLen < 16) {
        return 0;
      }
      if (level == SocketCalls.SOL_SOCKET
          && type == SocketCalls.SCM_TIMESTAMPNS
          && at + 32 <= len) {
        return control.get(JAVA_LONG, at + 16) * 1_000_000_000L + control.get(JAVA_LONG, at + 24);
      }
      at += (cmsgLen + 7) & ~7L;
    }
    return 0;
  }

  /** Moves a realtime stamp onto the monotonic scale of this read; never later than the read. */
  private long arrival(long kernelRealtime) {
    if (kernelRealtime == 0) {
      return readNanos;
    }
    Instant now = Instant.now();
    long nowRealtime = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    long age = nowRealtime - kernelRealtime;
    return age <= 0 ? readNanos : readNanos - age;
  }
}
