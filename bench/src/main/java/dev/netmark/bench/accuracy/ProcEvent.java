package dev.netmark.bench.accuracy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One event of the kernel's process-events connector that the accuracy truth uses: a process
 * created, exec'd or exited, with the kernel's timestamp (CLOCK_MONOTONIC ns, the clock of {@link
 * System#nanoTime}). Threads are not processes here: a fork event whose child is a thread and an
 * exit event of a thread other than the group leader are dropped by {@link #parse}.
 *
 * @param kind what happened
 * @param timestampNs when, as the kernel stamped it ({@code proc_event.timestamp_ns})
 * @param pid the process (the child of a fork; its thread-group id)
 * @param parentPid the parent's thread-group id (fork and exit; 0 for exec)
 */
record ProcEvent(Kind kind, long timestampNs, int pid, int parentPid) {
  /** {@code enum what} of linux/cn_proc.h, the values used here. */
  enum Kind {
    FORK(0x1),
    EXEC(0x2),
    EXIT(0x80000000);

    final int what;

    Kind(int what) {
      this.what = what;
    }
  }

  // linux/netlink.h, linux/connector.h, linux/cn_proc.h (UAPI, stable layouts).
  static final int NLMSG_HDRLEN = 16;
  static final int NLMSG_ERROR = 2;
  static final int NLMSG_OVERRUN = 4;
  static final int CN_MSG_LEN = 20; // struct cb_id {idx, val}, seq, ack, u16 len, u16 flags
  static final int CN_IDX_PROC = 1;
  static final int CN_VAL_PROC = 1;
  static final int EVENT_HEADER = 16; // what, cpu, timestamp_ns (aligned to 8 in the struct)

  /** What one buffer from the socket held. */
  record Batch(List<ProcEvent> events, int overruns) {}

  /**
   * Parses the netlink messages in {@code buf} (from position to limit, native byte order as the
   * kernel wrote them): every FORK of a process, EXEC, and EXIT of a process. Other events (uid,
   * comm, the ack of the listen request, ...) and other connectors' messages are skipped; an
   * NLMSG_OVERRUN is counted.
   *
   * @throws IllegalArgumentException for a message that does not fit its own length fields
   */
  static Batch parse(ByteBuffer buf) {
    ByteBuffer b = buf.slice().order(ByteOrder.nativeOrder());
    List<ProcEvent> out = new ArrayList<>();
    int overruns = 0;
    int at = 0;
    while (b.limit() - at >= NLMSG_HDRLEN) {
      int len = b.getInt(at);
      int type = Short.toUnsignedInt(b.getShort(at + 4));
      if (len < NLMSG_HDRLEN || len > b.limit() - at) {
        throw new IllegalArgumentException(
            "netlink message at byte "
                + at
                + " says length "
                + len
                + ", "
                + (b.limit() - at)
                + " bytes left");
      }
      if (type == NLMSG_OVERRUN) {
        overruns++;
      } else if (type != NLMSG_ERROR) {
        ProcEvent e = event(b, at + NLMSG_HDRLEN, len - NLMSG_HDRLEN);
        if (e != null) {
          out.add(e);
        }
      }
      at += (len + 3) & ~3; // NLMSG_ALIGN
    }
    return new Batch(List.copyOf(out), overruns);
  }

  // One cn_msg carrying a proc_event, or null for anything this truth does not use.
  private static ProcEvent event(ByteBuffer b, int at, int len) {
    if (len < CN_MSG_LEN || b.getInt(at) != CN_IDX_PROC || b.getInt(at + 4) != CN_VAL_PROC) {
      return null;
    }
    int dataLen = Short.toUnsignedInt(b.getShort(at + 16));
    if (dataLen > len - CN_MSG_LEN) {
      throw new IllegalArgumentException(
          "process event says " + dataLen + " bytes, its message holds " + (len - CN_MSG_LEN));
    }
    int ev = at + CN_MSG_LEN;
    if (dataLen < EVENT_HEADER) {
      return null;
    }
    int what = b.getInt(ev);
    long ts = b.getLong(ev + 8);
    int data = ev + EVENT_HEADER;
    int dataBytes = dataLen - EVENT_HEADER;
    if (what == Kind.FORK.what && dataBytes >= 16) {
      // parent_pid, parent_tgid, child_pid, child_tgid: a thread is a child with pid != tgid.
      int childPid = b.getInt(data + 8);
      int childTgid = b.getInt(data + 12);
      return childPid == childTgid
          ? new ProcEvent(Kind.FORK, ts, childTgid, b.getInt(data + 4))
          : null;
    }
    if (what == Kind.EXEC.what && dataBytes >= 8) {
      return new ProcEvent(Kind.EXEC, ts, b.getInt(data + 4), 0);
    }
    if (what == Kind.EXIT.what && dataBytes >= 16) {
      // process_pid, process_tgid, exit_code, exit_signal, then (since Linux 4.12) parent_pid,
      // parent_tgid
      int pid = b.getInt(data);
      int tgid = b.getInt(data + 4);
      int parent = dataBytes >= 24 ? b.getInt(data + 20) : 0;
      return pid == tgid ? new ProcEvent(Kind.EXIT, ts, tgid, parent) : null;
    }
    return null;
  }
}
