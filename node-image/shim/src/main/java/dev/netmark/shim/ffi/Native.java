package dev.netmark.shim.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Binds libc functions with the FFM API, the one place that does: plugin processes ({@code cni}),
 * namespaces ({@code netns}), probe sockets ({@code probe}), thread priorities ({@code sched}) and
 * local mode's host code all bind through here. A function that sets errno is bound with a capture
 * segment as its first argument ({@link #errnoState}, read with {@link #errno}).
 */
// Restricted FFM methods are the point of this class; the JVM runs with
// --enable-native-access=ALL-UNNAMED (Enable-Native-Access in the jar manifest).
@SuppressWarnings("restricted")
public final class Native {
  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final MethodHandle STRERROR = call("strerror", ADDRESS, JAVA_INT);

  private Native() {}

  /** A libc function that sets errno; the handle takes an {@link #errnoState} segment first. */
  public static MethodHandle errnoCall(String name, MemoryLayout ret, MemoryLayout... args) {
    return LINKER.downcallHandle(
        symbol(name), FunctionDescriptor.of(ret, args), Linker.Option.captureCallState("errno"));
  }

  /** A libc function whose result says it all (or that cannot fail). */
  public static MethodHandle call(String name, MemoryLayout ret, MemoryLayout... args) {
    return LINKER.downcallHandle(symbol(name), FunctionDescriptor.of(ret, args));
  }

  /** A segment that receives errno from {@link #errnoCall} handles; one per calling thread. */
  public static MemorySegment errnoState(Arena arena) {
    return arena.allocate(CAPTURE);
  }

  /** The errno the last call with {@code state} left. */
  public static int errno(MemorySegment state) {
    return (int) ERRNO.get(state, 0L);
  }

  /** strerror(3) of a positive errno, for messages. */
  public static String strerror(int errno) {
    try {
      MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
      return s.reinterpret(1024).getString(0);
    } catch (Throwable t) {
      // strerror cannot fail in practice; the number alone still identifies the error.
      return "errno " + errno;
    }
  }

  private static MemorySegment symbol(String name) {
    return LINKER
        .defaultLookup()
        .find(name)
        .orElseThrow(
            () ->
                new UnsatisfiedLinkError(
                    "libc has no " + name + ": netmark needs glibc 2.36 or later"));
  }
}
