package dev.netmark.shim.sched;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.netmark.shim.ffi.Native;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises the threads whose delays would enter a recorded time to nice {@value #NICE}: the probe
 * loop, the threads that run CNI plugins and take the ADD's timestamps, and the JVM's VM thread,
 * which runs every garbage collection while all Java threads wait.
 *
 * <p>On a busy node (shims, plugins and the API server share the cores) a thread at the default
 * weight waits tens of milliseconds for a core after each wake-up. Measured on 10 local nodes x 30
 * pods at load 30: serial young collections of a few milliseconds of work took 33 ms of wall time
 * at the median and 850 ms at p99, every one of them freezing the probe loop. These threads do
 * little work per wake-up, so the higher weight costs the node almost nothing.
 *
 * <p>Each raised thread also gets {@code SCHED_RESET_ON_FORK}: a process or thread it creates
 * starts at the default priority, so CNI plugins run exactly as they would under kubelet and the
 * node's CNI is not favoured over its other load. Needs {@code CAP_SYS_NICE} (root); without it the
 * threads keep the default weight and the shim says so once.
 */
@SuppressWarnings("restricted") // FFM downcalls; the JVM runs with --enable-native-access
public final class TimingPriority {
  static final int NICE = -10;
  private static final Logger LOG = LoggerFactory.getLogger(TimingPriority.class);
  private static final int PRIO_PROCESS = 0;
  private static final int SCHED_OTHER = 0;
  private static final int SCHED_RESET_ON_FORK = 0x40000000;
  private static final String VM_THREAD = "VM Thread";
  private static volatile boolean warned;

  private TimingPriority() {}

  /** Raises the calling thread (Linux priorities are per thread). */
  public static void raiseCurrentThread() {
    try {
      raise(Calls.gettid());
    } catch (Throwable t) {
      warnOnce(t.toString());
    }
  }

  /**
   * Raises the JVM's VM thread, found by its name in {@code /proc/self/task}. Call once the JVM is
   * up; returns whether it was found and raised.
   */
  public static boolean raiseVmThread() {
    OptionalInt tid = threadNamed(Path.of("/proc/self/task"), VM_THREAD);
    if (tid.isEmpty()) {
      warnOnce("no thread named '" + VM_THREAD + "' in /proc/self/task");
      return false;
    }
    try {
      return raise(tid.getAsInt());
    } catch (Throwable t) {
      warnOnce(t.toString());
      return false;
    }
  }

  /** The id of the first task under {@code taskDir} whose {@code comm} is {@code name}. */
  static OptionalInt threadNamed(Path taskDir, String name) {
    try (Stream<Path> tasks = Files.list(taskDir)) {
      return tasks
          .filter(t -> name.equals(comm(t)))
          .mapToInt(t -> Integer.parseInt(t.getFileName().toString()))
          .findFirst();
    } catch (IOException e) {
      return OptionalInt.empty();
    }
  }

  private static String comm(Path task) {
    try {
      return Files.readString(task.resolve("comm")).strip();
    } catch (IOException e) {
      return ""; // the thread ended while we looked
    }
  }

  private static boolean raise(int tid) throws Throwable {
    if (Calls.setpriority(tid, NICE) != 0) {
      warnOnce("setpriority(" + tid + ", " + NICE + ") failed; needs CAP_SYS_NICE");
      return false;
    }
    // sched_setscheduler keeps the nice value just set and adds the reset for children.
    if (Calls.resetOnFork(tid) != 0) {
      // A raised thread whose children would inherit the raise must not stay raised.
      Calls.setpriority(tid, 0);
      warnOnce("sched_setscheduler(" + tid + ", SCHED_RESET_ON_FORK) failed");
      return false;
    }
    return true;
  }

  private static void warnOnce(String why) {
    if (!warned) {
      warned = true;
      LOG.warn("timing threads stay at the default priority ({}); busy nodes add delay", why);
    }
  }

  /** The libc calls, bound on first use. */
  private static final class Calls {
    private static final MethodHandle GETTID = Native.call("gettid", JAVA_INT);
    private static final MethodHandle SETPRIORITY =
        Native.call("setpriority", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle SCHED_SETSCHEDULER =
        Native.call("sched_setscheduler", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS);

    static int gettid() throws Throwable {
      return (int) GETTID.invokeExact();
    }

    static int setpriority(int tid, int nice) throws Throwable {
      return (int) SETPRIORITY.invokeExact(PRIO_PROCESS, tid, nice);
    }

    static int resetOnFork(int tid) throws Throwable {
      try (Arena a = Arena.ofConfined()) {
        MemorySegment param = a.allocate(JAVA_INT); // struct sched_param { int priority = 0 }
        return (int) SCHED_SETSCHEDULER.invokeExact(tid, SCHED_OTHER | SCHED_RESET_ON_FORK, param);
      }
    }
  }
}
