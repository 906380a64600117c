package dev.netmark.testing.local;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.netmark.shim.ffi.Native;
import dev.netmark.shim.netns.NetnsException;
import dev.netmark.shim.netns.NetnsHandle;
import dev.netmark.shim.probe.EventLoop;
import dev.netmark.shim.probe.IcmpPackets;
import dev.netmark.shim.probe.Receiver;
import dev.netmark.shim.probe.SockAddr;
import dev.netmark.shim.probe.SocketCalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Local mode's resident raw pinger (docs/design.md, "Raw baseline"): one platform thread for the
 * run, started before any pod, that pings a target from a pod's namespace the moment it is handed
 * the namespace's path. It opens a raw ICMP socket inside the namespace ({@code setns} there and
 * back on its own thread, about 20 µs; a socket keeps its namespace for life), sends the first echo
 * at once and one every {@link #INTERVAL_NANOS} after it, and stops at the first answer or after
 * {@link #DEADLINE_NANOS}. No process is started per ping.
 *
 * <p>Every echo carries an identifier of its own, so each is a new flow for connection tracking (an
 * entry made before the path was up cannot pin later echoes, as with netmark's prober), and a
 * payload of its own, so an answer to another socket's echo in the same namespace (netmark's prober
 * has one there) is never taken for ours. The thread is the shim's epoll loop ({@link EventLoop},
 * nice −10 as the shim's prober); the ping logic is this class's.
 */
final class RawPinger implements RawProbes.Pinger {
  static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final int ECHO_REQUEST = 8;
  private static final int ECHO_REPLY = 0;
  private static final int ICMP_BYTES = 16;
  private static final byte[] MARK = {'n', 'm', 'r', 'a', 'w'};

  /**
   * One ping's outcome; times are epoch microseconds, the clock RunPodSandbox's return is taken on.
   *
   * @param firstSentUs when the first echo went out; -1 when none did
   * @param answeredSentUs the send time of the first answered echo; -1 without an answer
   * @param note why there is no answer, else null
   */
  record Echoes(long firstSentUs, long answeredSentUs, String note) {}

  private final EventLoop loop;
  private final Phaser running = new Phaser(1);
  private final AtomicInteger nextTag = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();

  private RawPinger(EventLoop loop) {
    this.loop = loop;
  }

  /** Starts the thread and warms it up with one ping of 127.0.0.1 from this process's namespace. */
  static RawPinger start() {
    RawPinger p = new RawPinger(EventLoop.start("raw-pinger"));
    p.ping(Path.of("/proc/self/ns/net"), "127.0.0.1", e -> {});
    return p;
  }

  /**
   * Pings {@code target} from the namespace at {@code netns}; returns at once. {@code done} is
   * called once, on the pinger's thread, with the outcome; it must be quick.
   */
  @Override
  public void ping(Path netns, String target, Consumer<Echoes> done) {
    running.register();
    Consumer<Echoes> once =
        e -> {
          try {
            done.accept(e);
          } finally {
            running.arriveAndDeregister();
          }
        };
    if (closed.get()) {
      once.accept(new Echoes(-1, -1, "the raw pinger has stopped"));
      return;
    }
    int tag = nextTag.getAndIncrement();
    loop.execute(() -> open(netns, target, tag, once));
  }

  /** Waits up to {@code timeout} for every ping handed in to end. */
  @Override
  public void await(long timeout, TimeUnit unit) throws InterruptedException {
    if (closed.get()) {
      return; // pings still running when it stopped never end
    }
    int phase = running.arrive();
    try {
      running.awaitAdvanceInterruptibly(phase, timeout, unit);
    } catch (TimeoutException e) {
      // close() stops the thread with what is left
    }
  }

  /** Stops the thread; pings still running end without a callback. Safe to call twice. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      loop.close();
    }
  }

  /** Now in epoch microseconds. */
  static long nowUs() {
    return RawProbes.nowUs();
  }

  private void open(Path netns, String target, int tag, Consumer<Echoes> done) {
    InetAddress address;
    try {
      address = InetAddress.getByName(target);
    } catch (UnknownHostException e) {
      done.accept(new Echoes(-1, -1, "not an address: " + target));
      return;
    }
    if (!(address instanceof Inet4Address)) {
      done.accept(new Echoes(-1, -1, "the raw pinger pings IPv4 only: " + target));
      return;
    }
    SocketCalls.Errno errno = loop.errno();
    int fd;
    try (NetnsHandle ns = NetnsHandle.open(netns)) {
      fd =
          ns.call(
              () ->
                  SocketCalls.socket(
                      errno,
                      SocketCalls.AF_INET,
                      SocketCalls.SOCK_RAW | SocketCalls.SOCK_NONBLOCK | SocketCalls.SOCK_CLOEXEC,
                      SocketCalls.IPPROTO_ICMP));
    } catch (NetnsException e) {
      done.accept(new Echoes(-1, -1, "cannot enter " + netns + ": " + e.getMessage()));
      return;
    }
    if (fd < 0) {
      done.accept(new Echoes(-1, -1, "raw ICMP socket: " + Native.strerror(-fd)));
      return;
    }
    new Ping(fd, address, tag, done).start();
  }

  /** The echo request: type 8, identifier, sequence, {@link #MARK} and the ping's tag. */
  static byte[] echoRequest(int id, int seq, int tag) {
    byte[] p = new byte[ICMP_BYTES];
    p[0] = ECHO_REQUEST;
    p[4] = (byte) (id >>> 8);
    p[5] = (byte) id;
    p[6] = (byte) (seq >>> 8);
    p[7] = (byte) seq;
    System.arraycopy(MARK, 0, p, 8, MARK.length);
    p[13] = (byte) (tag >>> 16);
    p[14] = (byte) (tag >>> 8);
    p[15] = (byte) tag;
    int sum = IcmpPackets.checksum(p, p.length);
    p[2] = (byte) (sum >>> 8);
    p[3] = (byte) sum;
    return p;
  }

  /**
   * The sequence number of the echo an IPv4 packet (as a raw socket reads it, IP header first)
   * answers, when it is an echo reply from {@code source} to an echo of the ping tagged {@code tag}
   * with identifier {@code id(seq)}; else -1.
   */
  static int answeredSeq(byte[] packet, int length, byte[] source, int base, int tag) {
    if (length < 20 || (packet[0] & 0xf0) != 0x40) {
      return -1;
    }
    int ihl = (packet[0] & 0x0f) * 4;
    if (ihl < 20 || length < ihl + ICMP_BYTES || packet[9] != SocketCalls.IPPROTO_ICMP) {
      return -1;
    }
    for (int i = 0; i < 4; i++) {
      if (packet[12 + i] != source[i]) {
        return -1;
      }
    }
    int icmp = ihl;
    if (packet[icmp] != ECHO_REPLY) {
      return -1;
    }
    for (int i = 0; i < MARK.length; i++) {
      if (packet[icmp + 8 + i] != MARK[i]) {
        return -1;
      }
    }
    int gotTag =
        ((packet[icmp + 13] & 0xff) << 16)
            | ((packet[icmp + 14] & 0xff) << 8)
            | (packet[icmp + 15] & 0xff);
    if (gotTag != (tag & 0xffffff)) {
      return -1;
    }
    int seq = ((packet[icmp + 6] & 0xff) << 8) | (packet[icmp + 7] & 0xff);
    int id = ((packet[icmp + 4] & 0xff) << 8) | (packet[icmp + 5] & 0xff);
    return id == id(base, seq) ? seq : -1;
  }

  /** The identifier of echo {@code seq}: a new one per echo, so each is a flow of its own. */
  static int id(int base, int seq) {
    return (base + seq) & 0xffff;
  }

  /** One target's ping: its socket, echoes sent and their send times. Loop thread only. */
  private final class Ping implements EventLoop.Handler {
    private final int fd;
    private final byte[] source;
    private final int tag;
    private final int base;
    private final Consumer<Echoes> done;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment to;
    private final MemorySegment packet = arena.allocate(ICMP_BYTES, 8);
    private final Map<Integer, Long> sentUs = new HashMap<>();
    private final long startNanos = System.nanoTime();
    private EventLoop.Timer next;
    private long firstSentUs = -1;
    private int seq;
    private String sendError;
    private boolean ended;

    Ping(int fd, InetAddress target, int tag, Consumer<Echoes> done) {
      this.fd = fd;
      this.source = target.getAddress();
      this.tag = tag;
      this.base = (tag * 7919) & 0xffff;
      this.done = done;
      this.to = SockAddr.of(arena, target, 0);
    }

    void start() {
      try (Arena a = Arena.ofConfined()) {
        // Only echo replies wake the thread; a bit set in the filter drops that type.
        MemorySegment filter = a.allocate(4, 4);
        filter.set(JAVA_INT, 0, ~(1 << ECHO_REPLY));
        SocketCalls.setsockopt(
            loop.errno(), fd, SocketCalls.SOL_RAW, SocketCalls.ICMP_FILTER, filter);
      }
      int rc = loop.register(fd, SocketCalls.EPOLLIN, this);
      if (rc < 0) {
        end(-1, "epoll_ctl: " + Native.strerror(-rc));
        return;
      }
      send(startNanos);
    }

    private void send(long due) {
      if (ended) {
        return;
      }
      if (System.nanoTime() - startNanos >= DEADLINE_NANOS) {
        end(
            -1,
            sendError == null
                ? "no answer in " + TimeUnit.NANOSECONDS.toSeconds(DEADLINE_NANOS) + " s"
                : "no answer in 5 s; sending failed: " + sendError);
        return;
      }
      byte[] p = echoRequest(id(base, seq), seq, tag);
      MemorySegment.copy(p, 0, packet, JAVA_BYTE, 0, p.length);
      long at = nowUs();
      long rc = SocketCalls.sendto(loop.errno(), fd, packet, p.length, 0, to);
      if (rc < 0) {
        sendError = Native.strerror((int) -rc);
      } else {
        sentUs.put(seq, at);
        if (firstSentUs < 0) {
          firstSentUs = at;
        }
      }
      seq = (seq + 1) & 0xffff;
      // After a stall the next echo goes out at once, not in a burst that catches up.
      long following = Math.max(due + INTERVAL_NANOS, System.nanoTime());
      next = loop.at(following, () -> send(following));
    }

    @Override
    public void ready(int events) {
      Receiver r = loop.receiver();
      int n;
      while (!ended && (n = r.receive(loop.errno(), fd, Receiver.DATA_BYTES)) > 0) {
        int answered = answeredSeq(r.data, n, source, base, tag);
        Long at = answered < 0 ? null : sentUs.get(answered);
        if (at != null) {
          end(at, null);
        }
      }
    }

    private void end(long answeredSentUs, String note) {
      ended = true;
      if (next != null) {
        next.cancel();
      }
      loop.closeFd(fd);
      arena.close();
      done.accept(new Echoes(firstSentUs, answeredSentUs, note));
    }
  }
}
