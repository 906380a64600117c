package dev.netmark.shim.cni;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc calls that start and talk to a plugin process, bound with the FFM API. Calls that set
 * errno take a capture segment first ({@link #errnoState}); {@code posix_spawn*} functions return
 * the error number instead.
 */
// Restricted FFM methods are the point of this class; the JVM runs with
// --enable-native-access=ALL-UNNAMED (Enable-Native-Access in the jar manifest).
@SuppressWarnings("restricted")
final class Posix {
  static final int O_CLOEXEC = 0x80000;
  static final int POSIX_SPAWN_SETPGROUP = 0x02;
  static final int POSIX_SPAWN_SETSIGDEF = 0x04;
  static final int POSIX_SPAWN_SETSIGMASK = 0x08;
  static final short POLLIN = 0x1;
  static final short POLLOUT = 0x4;
  static final short POLLERR = 0x8;
  static final short POLLHUP = 0x10;
  static final int WNOHANG = 1;
  static final int EINTR = 4;
  static final int EAGAIN = 11;
  static final int EPIPE = 32;
  static final int ETXTBSY = 26;
  static final int SIGKILL = 9;

  // glibc's opaque types, over-allocated: only the init functions look inside.
  static final long SPAWN_ATTR_BYTES = 1024;
  static final long FILE_ACTIONS_BYTES = 1024;
  static final long SIGSET_BYTES = 128;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

  static final MethodHandle PIPE2 = errnoCall("pipe2", JAVA_INT, ADDRESS, JAVA_INT);
  static final MethodHandle CLOSE = errnoCall("close", JAVA_INT, JAVA_INT);
  static final MethodHandle READ = errnoCall("read", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
  static final MethodHandle WRITE = errnoCall("write", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
  static final MethodHandle POLL = errnoCall("poll", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
  static final MethodHandle WAITPID = errnoCall("waitpid", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
  static final MethodHandle PIDFD_OPEN = errnoCall("pidfd_open", JAVA_INT, JAVA_INT, JAVA_INT);
  static final MethodHandle KILL = errnoCall("kill", JAVA_INT, JAVA_INT, JAVA_INT);
  static final MethodHandle SPAWN =
      call("posix_spawn", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
  static final MethodHandle FA_INIT = call("posix_spawn_file_actions_init", JAVA_INT, ADDRESS);
  static final MethodHandle FA_DESTROY =
      call("posix_spawn_file_actions_destroy", JAVA_INT, ADDRESS);
  static final MethodHandle FA_DUP2 =
      call("posix_spawn_file_actions_adddup2", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
  // glibc 2.34+: closes every descriptor from 3 up in the child, as the JDK's launcher does.
  static final MethodHandle FA_CLOSEFROM =
      call("posix_spawn_file_actions_addclosefrom_np", JAVA_INT, ADDRESS, JAVA_INT);
  static final MethodHandle ATTR_INIT = call("posix_spawnattr_init", JAVA_INT, ADDRESS);
  static final MethodHandle ATTR_DESTROY = call("posix_spawnattr_destroy", JAVA_INT, ADDRESS);
  static final MethodHandle ATTR_SETFLAGS =
      call("posix_spawnattr_setflags", JAVA_INT, ADDRESS, JAVA_INT);
  static final MethodHandle ATTR_SETPGROUP =
      call("posix_spawnattr_setpgroup", JAVA_INT, ADDRESS, JAVA_INT);
  static final MethodHandle ATTR_SETSIGMASK =
      call("posix_spawnattr_setsigmask", JAVA_INT, ADDRESS, ADDRESS);
  static final MethodHandle ATTR_SETSIGDEFAULT =
      call("posix_spawnattr_setsigdefault", JAVA_INT, ADDRESS, ADDRESS);
  static final MethodHandle SIGEMPTYSET = call("sigemptyset", JAVA_INT, ADDRESS);
  static final MethodHandle SIGFILLSET = call("sigfillset", JAVA_INT, ADDRESS);
  private static final MethodHandle STRERROR = call("strerror", ADDRESS, JAVA_INT);

  private Posix() {}

  static MemorySegment errnoState(Arena arena) {
    return arena.allocate(CAPTURE);
  }

  static int errno(MemorySegment state) {
    return (int) ERRNO.get(state, 0L);
  }

  static String strerror(int errno) {
    try {
      MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
      return s.reinterpret(1024).getString(0);
    } catch (Throwable t) {
      // strerror cannot fail in practice; the number alone still identifies the error.
      return "errno " + errno;
    }
  }

  private static MethodHandle errnoCall(String name, MemoryLayout ret, MemoryLayout... args) {
    return LINKER.downcallHandle(
        symbol(name), FunctionDescriptor.of(ret, args), Linker.Option.captureCallState("errno"));
  }

  private static MethodHandle call(String name, MemoryLayout ret, MemoryLayout... args) {
    return LINKER.downcallHandle(symbol(name), FunctionDescriptor.of(ret, args));
  }

  private static MemorySegment symbol(String name) {
    return LINKER
        .defaultLookup()
        .find(name)
        .orElseThrow(
            () ->
                new UnsatisfiedLinkError(
                    "libc has no "
                        + name
                        + ": netmark-shim starts CNI plugins with posix_spawn and needs glibc"
                        + " 2.36 or later"));
  }
}
