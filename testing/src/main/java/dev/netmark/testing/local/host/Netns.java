package dev.netmark.testing.local.host;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs Java code inside a named network namespace ({@code /run/netns/NAME}): a fresh platform
 * thread calls {@code setns(2)} and then the body. Sockets opened by the body live in that
 * namespace for good, whichever thread uses them later. Never on a virtual thread: setns would move
 * its carrier (docs/design.md, "Local mode" and "Known limits").
 */
public final class Netns {
  private static final int O_RDONLY_CLOEXEC = 0x80000;
  private static final int CLONE_NEWNET = 0x40000000;
  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout STATE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      STATE.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
  private static final MethodHandle OPEN = downcall("open", JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle SETNS = downcall("setns", JAVA_INT, JAVA_INT, JAVA_INT);
  private static final MethodHandle CLOSE = downcall("close", JAVA_INT, JAVA_INT);

  private Netns() {}

  /** The bind-mount {@code ip netns add NAME} creates. */
  public static Path path(String name) {
    return Path.of("/run/netns", name);
  }

  /**
   * Runs {@code body} on a new platform thread inside namespace {@code name} and returns its
   * result.
   *
   * @throws HostException when the namespace cannot be entered or the body throws
   */
  public static <T> T call(String name, Callable<T> body) throws InterruptedException {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t =
        Thread.ofPlatform()
            .name("netns-" + name)
            .start(
                () -> {
                  try {
                    enter(name);
                    result.set(body.call());
                  } catch (Throwable e) { // handed to the caller below
                    failure.set(e);
                  }
                });
    t.join();
    Throwable e = failure.get();
    if (e instanceof HostException he) {
      throw he;
    }
    if (e != null) {
      throw new HostException("in network namespace " + name + ": " + e, e);
    }
    return result.get();
  }

  /** Moves the calling platform thread into namespace {@code name}. */
  private static void enter(String name) throws Throwable {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(STATE);
      int fd =
          (int)
              OPEN.invokeExact(state, arena.allocateFrom(path(name).toString()), O_RDONLY_CLOEXEC);
      if (fd < 0) {
        throw new HostException("cannot open " + path(name) + ": errno " + errno(state));
      }
      int rc = (int) SETNS.invokeExact(state, fd, CLONE_NEWNET);
      int setnsErrno = errno(state);
      int ignored = (int) CLOSE.invokeExact(state, fd);
      if (rc != 0) {
        throw new HostException("setns into " + name + " failed: errno " + setnsErrno);
      }
    }
  }

  private static int errno(MemorySegment state) {
    return (int) ERRNO.get(state, 0L);
  }

  // Restricted (native access): the JVM runs with --enable-native-access=ALL-UNNAMED.
  @SuppressWarnings("restricted")
  private static MethodHandle downcall(
      String fn, java.lang.foreign.MemoryLayout ret, java.lang.foreign.MemoryLayout... args) {
    return LINKER.downcallHandle(
        LINKER.defaultLookup().find(fn).orElseThrow(),
        FunctionDescriptor.of(ret, args),
        Linker.Option.captureCallState("errno"));
  }
}
