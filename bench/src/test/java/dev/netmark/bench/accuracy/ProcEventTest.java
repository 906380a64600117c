package dev.netmark.bench.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Process events parsed from bytes laid out as linux/netlink.h, linux/connector.h and
 * linux/cn_proc.h define them: struct nlmsghdr (16 bytes), struct cn_msg (20 bytes), struct
 * proc_event (what, cpu, timestamp_ns, then the event's pids).
 */
class ProcEventTest {
  private static final int FORK = 0x1;
  private static final int EXEC = 0x2;
  private static final int UID = 0x4;
  private static final int EXIT = 0x80000000;

  /** Appends one netlink message carrying one proc_event with {@code ints} as its event data. */
  private static void message(ByteBuffer b, int idx, int what, long ts, int... ints) {
    int data = 16 + 4 * ints.length;
    int len = 16 + 20 + data;
    int start = b.position();
    b.putInt(len).putShort((short) 3).putShort((short) 0).putInt(7).putInt(0); // nlmsghdr
    b.putInt(idx).putInt(1).putInt(7).putInt(0).putShort((short) data).putShort((short) 0);
    b.putInt(what).putInt(1).putLong(ts);
    for (int i : ints) {
      b.putInt(i);
    }
    b.position(start + ((len + 3) & ~3)); // NLMSG_ALIGN: the next message starts aligned
  }

  private static ByteBuffer buffer() {
    return ByteBuffer.allocate(4096).order(ByteOrder.nativeOrder());
  }

  @Test
  void forkExecAndExitOfProcessesAreReadWithTheKernelsTimestamp() {
    ByteBuffer b = buffer();
    message(b, 1, FORK, 1_000L, 100, 100, 200, 200);
    message(b, 1, EXEC, 2_000L, 200, 200);
    message(b, 1, EXIT, 3_000L, 200, 200, 0, 17, 100, 100);
    b.flip();

    ProcEvent.Batch batch = ProcEvent.parse(b);

    assertThat(batch.events())
        .containsExactly(
            new ProcEvent(ProcEvent.Kind.FORK, 1_000L, 200, 100),
            new ProcEvent(ProcEvent.Kind.EXEC, 2_000L, 200, 0),
            new ProcEvent(ProcEvent.Kind.EXIT, 3_000L, 200, 100));
    assertThat(batch.overruns()).isZero();
  }

  @Test
  void threadsOtherEventsAndOtherConnectorsAreLeftOut() {
    ByteBuffer b = buffer();
    message(b, 1, FORK, 1L, 100, 100, 201, 100); // a thread of 100
    message(b, 1, EXIT, 2L, 201, 100, 0, 0, 100, 100); // that thread's exit
    message(b, 1, UID, 3L, 100, 100, 0, 0);
    message(b, 1, 0, 4L, 0); // the acknowledgement of the listen request
    message(b, 2, FORK, 5L, 1, 1, 2, 2); // another connector
    b.flip();

    assertThat(ProcEvent.parse(b).events()).isEmpty();
  }

  @Test
  void anExitOfAKernelWithoutParentFieldsIsReadToo() {
    ByteBuffer b = buffer();
    message(b, 1, EXIT, 9L, 300, 300, 0, 17);
    b.flip();

    assertThat(ProcEvent.parse(b).events())
        .containsExactly(new ProcEvent(ProcEvent.Kind.EXIT, 9L, 300, 0));
  }

  @Test
  void anOverrunIsCounted() {
    ByteBuffer b = buffer();
    b.putInt(16).putShort((short) 4).putShort((short) 0).putInt(0).putInt(0); // NLMSG_OVERRUN
    message(b, 1, FORK, 1L, 1, 1, 2, 2);
    b.flip();

    ProcEvent.Batch batch = ProcEvent.parse(b);

    assertThat(batch.overruns()).isEqualTo(1);
    assertThat(batch.events()).hasSize(1);
  }

  @Test
  void aMessageLongerThanTheBufferIsAnError() {
    ByteBuffer b = buffer();
    message(b, 1, FORK, 1L, 1, 1, 2, 2);
    b.flip().limit(40);

    assertThatThrownBy(() -> ProcEvent.parse(b))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("says length 68, 40 bytes left");
  }

  @Test
  void anEventLongerThanItsMessageIsAnError() {
    ByteBuffer b = buffer();
    message(b, 1, FORK, 1L, 1, 1, 2, 2);
    b.putShort(16 + 16, (short) 200); // cn_msg.len beyond the message
    b.flip();

    assertThatThrownBy(() -> ProcEvent.parse(b))
        .hasMessageContaining("process event says 200 bytes, its message holds 32");
  }
}
