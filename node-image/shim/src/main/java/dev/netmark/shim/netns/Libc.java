package dev.netmark.shim.netns;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.netmark.shim.ffi.Native;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The few libc calls the namespace code needs, bound with the FFM API. Every call returns normally
 * or throws {@link NetnsException} with the call, its argument and {@code strerror(errno)}.
 */
final class Libc {
  static final int CLONE_NEWNET = 0x40000000;
  static final int O_RDONLY = 0;
  static final int O_CLOEXEC = 0x80000;
  static final long MS_BIND = 4096;
  static final long MS_REC = 16384;
  static final long MS_SHARED = 1L << 20;
  static final int MNT_DETACH = 2;
  static final int EINVAL = 22;
  static final int ENOENT = 2;

  private static final MethodHandle SETNS = bind("setns", JAVA_INT, JAVA_INT, JAVA_INT);
  private static final MethodHandle UNSHARE = bind("unshare", JAVA_INT, JAVA_INT);
  private static final MethodHandle OPEN = bind("open", JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle CLOSE = bind("close", JAVA_INT, JAVA_INT);
  private static final MethodHandle MOUNT =
      bind("mount", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS);
  private static final MethodHandle UMOUNT2 = bind("umount2", JAVA_INT, ADDRESS, JAVA_INT);

  private Libc() {}

  private static MethodHandle bind(String name, MemoryLayout ret, MemoryLayout... args) {
    return Native.errnoCall(name, ret, args);
  }

  /** Moves the calling thread into the namespace behind {@code fd}. */
  static void setns(int fd, String what) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Native.errnoState(arena);
      int rc = (int) SETNS.invokeExact(state, fd, CLONE_NEWNET);
      check(rc, state, "setns(" + what + ")");
    } catch (Throwable t) {
      throw rethrow(t, "setns(" + what + ")");
    }
  }

  /** Moves the calling thread into a new, empty network namespace. */
  static void unshareNet() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Native.errnoState(arena);
      int rc = (int) UNSHARE.invokeExact(state, CLONE_NEWNET);
      check(rc, state, "unshare(CLONE_NEWNET)");
    } catch (Throwable t) {
      throw rethrow(t, "unshare(CLONE_NEWNET)");
    }
  }

  static int open(String path) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Native.errnoState(arena);
      int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path), O_RDONLY | O_CLOEXEC);
      check(fd, state, "open(" + path + ")");
      return fd;
    } catch (Throwable t) {
      throw rethrow(t, "open(" + path + ")");
    }
  }

  static void close(int fd) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Native.errnoState(arena);
      int rc = (int) CLOSE.invokeExact(state, fd);
      check(rc, state, "close(" + fd + ")");
    } catch (Throwable t) {
      throw rethrow(t, "close(" + fd + ")");
    }
  }

  /** mount(2); returns 0, or the errno when it is one of {@code tolerated}. */
  static int mount(String source, String target, String fsType, long flags, int... tolerated) {
    String what =
        "mount(" + source + " -> " + target + ", flags=0x" + Long.toHexString(flags) + ")";
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Native.errnoState(arena);
      int rc =
          (int)
              MOUNT.invokeExact(
                  state,
                  arena.allocateFrom(source),
                  arena.allocateFrom(target),
                  arena.allocateFrom(fsType),
                  flags,
                  MemorySegment.NULL);
      return tolerate(rc, state, what, tolerated);
    } catch (Throwable t) {
      throw rethrow(t, what);
    }
  }

  /** umount2(2); returns 0, or the errno when it is one of {@code tolerated}. */
  static int umount2(String target, int flags, int... tolerated) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Native.errnoState(arena);
      int rc = (int) UMOUNT2.invokeExact(state, arena.allocateFrom(target), flags);
      return tolerate(rc, state, "umount2(" + target + ")", tolerated);
    } catch (Throwable t) {
      throw rethrow(t, "umount2(" + target + ")");
    }
  }

  private static void check(int rc, MemorySegment state, String what) {
    tolerate(rc, state, what);
  }

  private static int tolerate(int rc, MemorySegment state, String what, int... tolerated) {
    if (rc >= 0) {
      return 0;
    }
    int errno = Native.errno(state);
    for (int t : tolerated) {
      if (t == errno) {
        return errno;
      }
    }
    throw new NetnsException(
        what + " failed: " + Native.strerror(errno) + " (errno " + errno + ")");
  }

  private static NetnsException rethrow(Throwable t, String what) {
    if (t instanceof NetnsException e) {
      return e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new NetnsException(what + " could not be called: " + t, t);
  }
}
