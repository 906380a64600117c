package dev.netmark.shim.cni;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.netmark.shim.ffi.Native;
import java.lang.invoke.MethodHandle;

/**
 * The libc calls that start and talk to a plugin process, bound with the FFM API. Calls that set
 * errno take a capture segment first ({@link Native#errnoState}); {@code posix_spawn*} functions
 * return the error number instead.
 */
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

  static final MethodHandle PIPE2 = Native.errnoCall("pipe2", JAVA_INT, ADDRESS, JAVA_INT);
  static final MethodHandle CLOSE = Native.errnoCall("close", JAVA_INT, JAVA_INT);
  static final MethodHandle READ =
      Native.errnoCall("read", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
  static final MethodHandle WRITE =
      Native.errnoCall("write", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
  static final MethodHandle POLL = Native.errnoCall("poll", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
  static final MethodHandle WAITPID =
      Native.errnoCall("waitpid", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
  static final MethodHandle PIDFD_OPEN =
      Native.errnoCall("pidfd_open", JAVA_INT, JAVA_INT, JAVA_INT);
  static final MethodHandle KILL = Native.errnoCall("kill", JAVA_INT, JAVA_INT, JAVA_INT);
  static final MethodHandle SPAWN =
      Native.call("posix_spawn", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
  static final MethodHandle FA_INIT =
      Native.call("posix_spawn_file_actions_init", JAVA_INT, ADDRESS);
  static final MethodHandle FA_DESTROY =
      Native.call("posix_spawn_file_actions_destroy", JAVA_INT, ADDRESS);
  static final MethodHandle FA_DUP2 =
      Native.call("posix_spawn_file_actions_adddup2", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
  // glibc 2.34+: closes every descriptor from 3 up in the child, as the JDK's launcher does.
  static final MethodHandle FA_CLOSEFROM =
      Native.call("posix_spawn_file_actions_addclosefrom_np", JAVA_INT, ADDRESS, JAVA_INT);
  static final MethodHandle ATTR_INIT = Native.call("posix_spawnattr_init", JAVA_INT, ADDRESS);
  static final MethodHandle ATTR_DESTROY =
      Native.call("posix_spawnattr_destroy", JAVA_INT, ADDRESS);
  static final MethodHandle ATTR_SETFLAGS =
      Native.call("posix_spawnattr_setflags", JAVA_INT, ADDRESS, JAVA_INT);
  static final MethodHandle ATTR_SETPGROUP =
      Native.call("posix_spawnattr_setpgroup", JAVA_INT, ADDRESS, JAVA_INT);
  static final MethodHandle ATTR_SETSIGMASK =
      Native.call("posix_spawnattr_setsigmask", JAVA_INT, ADDRESS, ADDRESS);
  static final MethodHandle ATTR_SETSIGDEFAULT =
      Native.call("posix_spawnattr_setsigdefault", JAVA_INT, ADDRESS, ADDRESS);
  static final MethodHandle SIGEMPTYSET = Native.call("sigemptyset", JAVA_INT, ADDRESS);
  static final MethodHandle SIGFILLSET = Native.call("sigfillset", JAVA_INT, ADDRESS);

  private Posix() {}
}
