package dev.netmark.shim.probe;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import dev.netmark.shim.ffi.Native;
import dev.netmark.shim.sched.TimingPriority;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One platform thread that multiplexes every probe socket of the shim with epoll(7), runs timers
 * and runs tasks handed in from other threads. All probe state lives on this thread, so probing
 * costs the same few threads whether one pod or a thousand are probed (docs/design.md, "Readiness
 * probes").
 *
 * <p>Each turn reads every ready socket first and only then runs due timers (new attempts): a reply
 * that waited in the kernel while the thread was busy is still counted for the attempt it answers.
 */
public final class EventLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
  private static final int MAX_EVENTS = 256;

  /** Called on the loop thread when a registered descriptor is ready. */
  public interface Handler {
    void ready(int events);
  }

  /** A scheduled action; {@link #cancel} before it runs and it never does. */
  public static final class Timer implements Comparable<Timer> {
    private final long due;
    private final long order;
    private final Runnable action;
    private boolean cancelled;

    private Timer(long due, long order, Runnable action) {
      this.due = due;
      this.order = order;
      this.action = action;
    }

    public void cancel() {
      cancelled = true;
    }

    @Override
    public int compareTo(Timer o) {
      int c = Long.compare(due - o.due, 0);
      return c != 0 ? c : Long.compare(order, o.order);
    }
  }

  private final Arena arena = Arena.ofShared();
  final SocketCalls.Errno errno = new SocketCalls.Errno(arena);
  final Receiver receiver = new Receiver(arena);
  final AttemptPacing pacing = new AttemptPacing();
  private final MemorySegment events =
      arena.allocate(SocketCalls.EPOLL_EVENT_BYTES * MAX_EVENTS, 8);
  private final MemorySegment ctlEvent = arena.allocate(16, 8);
  private final MemorySegment counter = arena.allocate(8, 8);
  // Read-only after construction: any thread may hand it to write(2) to wake the loop.
  private final MemorySegment wakeOne = arena.allocate(8, 8);
  // Shared by the waking threads; the errno they capture is never read, so races on it are moot.
  private final SocketCalls.Errno wakeErrno = new SocketCalls.Errno(arena);
  private final int epfd;
  private final int wakeFd;
  private final Map<Integer, Handler> handlers = new HashMap<>();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private long timerOrder;
  private volatile boolean closed;

  private EventLoop(String name) {
    epfd = check(SocketCalls.epollCreate(errno), "epoll_create1");
    wakeFd = check(SocketCalls.eventfd(errno), "eventfd");
    wakeOne.set(JAVA_LONG, 0, 1L);
    check(ctl(SocketCalls.EPOLL_CTL_ADD, wakeFd, SocketCalls.EPOLLIN), "epoll_ctl(eventfd)");
    thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
  }

  /** Creates the loop and starts its thread. */
  public static EventLoop start(String name) {
    EventLoop loop = new EventLoop(name);
    loop.thread.start();
    return loop;
  }

  /** Runs {@code task} on the loop thread soon; callable from any thread. */
  public void execute(Runnable task) {
    tasks.add(task);
    // A failed write means the counter is full of wake-ups already: the loop wakes anyway.
    SocketCalls.write(wakeErrno, wakeFd, wakeOne, 8);
  }

  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /** Watches {@code fd} for {@code events}; returns 0 or {@code -errno}. Loop thread only. */
  public int register(int fd, int events, Handler handler) {
    int rc = ctl(SocketCalls.EPOLL_CTL_ADD, fd, events);
    if (rc == 0) {
      handlers.put(fd, handler);
    }
    return rc;
  }

  /** Changes the events watched on a registered {@code fd}. Loop thread only. */
  public int modify(int fd, int events) {
    return ctl(SocketCalls.EPOLL_CTL_MOD, fd, events);
  }

  /** Stops watching and closes {@code fd}. Loop thread only. */
  public void closeFd(int fd) {
    if (handlers.remove(fd) != null) {
      ctl(SocketCalls.EPOLL_CTL_DEL, fd, 0);
    }
    SocketCalls.close(errno, fd);
  }

  /** Runs {@code action} on the loop thread at {@link System#nanoTime()} {@code due} or later. */
  public Timer at(long due, Runnable action) {
    Timer t = new Timer(due, timerOrder++, action);
    timers.add(t);
    return t;
  }

  /** The loop's errno segment, for calls made on the loop thread. */
  public SocketCalls.Errno errno() {
    return errno;
  }

  /** The loop's receive buffers, for reads made on the loop thread. */
  public Receiver receiver() {
    return receiver;
  }

  int registered() {
    return handlers.size();
  }

  private int ctl(int op, int fd, int events) {
    ctlEvent.set(JAVA_INT, 0, events);
    ctlEvent.set(JAVA_LONG_UNALIGNED, SocketCalls.EPOLL_DATA_OFFSET, fd);
    return SocketCalls.epollCtl(errno, epfd, op, fd, ctlEvent);
  }

  private void run() {
    TimingPriority.raiseCurrentThread();
    try {
      while (!closed) {
        int n = SocketCalls.epollWait(errno, epfd, events, MAX_EVENTS, timeoutMs());
        if (n < 0 && n != -SocketCalls.EINTR) {
          LOG.error("probe loop: epoll_wait failed: {}", Native.strerror(-n));
          return;
        }
        for (int i = 0; i < n; i++) {
          long base = i * SocketCalls.EPOLL_EVENT_BYTES;
          int ev = events.get(JAVA_INT, base);
          int fd = (int) events.get(JAVA_LONG_UNALIGNED, base + SocketCalls.EPOLL_DATA_OFFSET);
          dispatch(fd, ev);
        }
        runTasks();
        runTimers();
      }
    } finally {
      handlers.keySet().forEach(fd -> SocketCalls.close(errno, fd));
      handlers.clear();
      SocketCalls.close(errno, wakeFd);
      SocketCalls.close(errno, epfd);
    }
  }

  private void dispatch(int fd, int ev) {
    if (fd == wakeFd) {
      SocketCalls.read(errno, wakeFd, counter, 8);
      return;
    }
    Handler h = handlers.get(fd);
    if (h == null) {
      return; // closed earlier in this turn
    }
    try {
      h.ready(ev);
    } catch (RuntimeException e) {
      // One pod's bug must not stop every other pod's probes.
      LOG.error("probe loop: handler for fd {} failed", fd, e);
    }
  }

  private void runTasks() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.error("probe loop: task failed", e);
      }
    }
  }

  private void runTimers() {
    long now = System.nanoTime();
    Timer t;
    while ((t = timers.peek()) != null && t.due - now <= 0) {
      timers.poll();
      if (!t.cancelled) {
        try {
          t.action.run();
        } catch (RuntimeException e) {
          LOG.error("probe loop: timer failed", e);
        }
      }
    }
  }

  private int timeoutMs() {
    if (!tasks.isEmpty()) {
      return 0;
    }
    Timer t;
    while ((t = timers.peek()) != null && t.cancelled) {
      timers.poll();
    }
    if (t == null) {
      return -1;
    }
    long left = t.due - System.nanoTime();
    return left <= 0 ? 0 : (int) Math.min(TimeUnit.NANOSECONDS.toMillis(left + 999_999), 60_000);
  }

  private static int check(int rc, String what) {
    if (rc < 0) {
      throw new IllegalStateException(what + " failed: " + Native.strerror(-rc));
    }
    return rc;
  }

  /** Stops the loop and closes every descriptor it still watches. */
  @Override
  public void close() {
    closed = true;
    execute(() -> {});
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!thread.isAlive()) {
      arena.close();
    }
  }
}
