package dev.netmark.shim.cni;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.netmark.shim.ffi.Native;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;

/**
 * A plugin process started with {@code posix_spawn(3)} directly: one exec of the plugin, where the
 * JDK's {@link ProcessBuilder} execs its {@code jspawnhelper} first and then the plugin, and drains
 * each stream on its own thread (about 2.5 ms per plugin on the build machines, 4 plugins per ADD).
 * The child gets stdin, stdout and stderr pipes, every other descriptor closed, default signal
 * dispositions, an empty signal mask and a process group of its own, so that what it starts can be
 * killed with it even after it exited. No shell is involved.
 *
 * <p>Not thread-safe: one thread spawns it, one thread {@link PluginPipes#run runs} the exchange.
 */
final class PluginProcess implements AutoCloseable {
  private final int pid;
  private final Fds fds;
  private boolean reaped;
  private int status;

  private PluginProcess(int pid, Fds fds) {
    this.pid = pid;
    this.fds = fds;
  }

  /**
   * Starts {@code binary} with exactly {@code env} as its environment.
   *
   * @throws IOException naming the binary and {@code strerror} of the failure (e.g. ENOENT, EACCES,
   *     ETXTBSY), the error number in {@link SpawnException#errno}
   */
  static PluginProcess spawn(Path binary, List<String> env) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      Fds fds = Fds.open(arena);
      int pid;
      try {
        pid = posixSpawn(arena, binary.toString(), env, fds);
      } finally {
        fds.closeChildEnds();
      }
      if (pid < 0) {
        fds.closeAll();
        throw new SpawnException(binary, -pid);
      }
      PluginProcess p = new PluginProcess(pid, fds);
      try {
        MemorySegment state = Native.errnoState(arena);
        fds.pidfd =
            Fds.check((int) Posix.PIDFD_OPEN.invokeExact(state, pid, 0), state, "pidfd_open");
      } catch (IOException | RuntimeException e) {
        p.close();
        throw e;
      }
      return p;
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("cannot start " + binary + ": " + t, t);
    }
  }

  // Returns the pid, or minus the error number.
  private static int posixSpawn(Arena arena, String path, List<String> env, Fds fds)
      throws Throwable {
    MemorySegment actions = arena.allocate(Posix.FILE_ACTIONS_BYTES, 16);
    MemorySegment attr = arena.allocate(Posix.SPAWN_ATTR_BYTES, 16);
    MemorySegment noSignals = arena.allocate(Posix.SIGSET_BYTES, 16);
    MemorySegment allSignals = arena.allocate(Posix.SIGSET_BYTES, 16);
    requireZero((int) Posix.FA_INIT.invokeExact(actions), "posix_spawn_file_actions_init");
    requireZero((int) Posix.ATTR_INIT.invokeExact(attr), "posix_spawnattr_init");
    try {
      requireZero((int) Posix.FA_DUP2.invokeExact(actions, fds.stdinChild, 0), "adddup2");
      requireZero((int) Posix.FA_DUP2.invokeExact(actions, fds.stdoutChild, 1), "adddup2");
      requireZero((int) Posix.FA_DUP2.invokeExact(actions, fds.stderrChild, 2), "adddup2");
      requireZero((int) Posix.FA_CLOSEFROM.invokeExact(actions, 3), "addclosefrom_np");
      requireZero((int) Posix.SIGEMPTYSET.invokeExact(noSignals), "sigemptyset");
      requireZero((int) Posix.SIGFILLSET.invokeExact(allSignals), "sigfillset");
      requireZero((int) Posix.ATTR_SETSIGMASK.invokeExact(attr, noSignals), "setsigmask");
      requireZero((int) Posix.ATTR_SETSIGDEFAULT.invokeExact(attr, allSignals), "setsigdefault");
      requireZero((int) Posix.ATTR_SETPGROUP.invokeExact(attr, 0), "setpgroup");
      requireZero(
          (int)
              Posix.ATTR_SETFLAGS.invokeExact(
                  attr,
                  Posix.POSIX_SPAWN_SETSIGMASK
                      | Posix.POSIX_SPAWN_SETSIGDEF
                      | Posix.POSIX_SPAWN_SETPGROUP),
          "setflags");
      MemorySegment file = arena.allocateFrom(path);
      MemorySegment argv = arena.allocate(ADDRESS, 2);
      argv.setAtIndex(ADDRESS, 0, file);
      argv.setAtIndex(ADDRESS, 1, MemorySegment.NULL);
      MemorySegment envp = arena.allocate(ADDRESS, env.size() + 1L);
      for (int i = 0; i < env.size(); i++) {
        envp.setAtIndex(ADDRESS, i, arena.allocateFrom(env.get(i)));
      }
      envp.setAtIndex(ADDRESS, env.size(), MemorySegment.NULL);
      MemorySegment pid = arena.allocate(JAVA_INT);
      int rc = (int) Posix.SPAWN.invokeExact(pid, file, actions, attr, argv, envp);
      return rc == 0 ? pid.get(JAVA_INT, 0) : -rc;
    } finally {
      // Destroying cannot fail for initialised objects; nothing to do if it did.
      int unused = (int) Posix.FA_DESTROY.invokeExact(actions);
      unused = (int) Posix.ATTR_DESTROY.invokeExact(attr);
    }
  }

  private static void requireZero(int rc, String call) {
    if (rc != 0) {
      throw new IllegalStateException(call + " failed: " + Native.strerror(rc));
    }
  }

  int pid() {
    return pid;
  }

  Fds fds() {
    return fds;
  }

  /** Reaps the process if it has exited; true once it has. */
  boolean reapIfExited() {
    return reap(Posix.WNOHANG);
  }

  /** The exit code, or 128 + the signal that ended it (as {@link Process#exitValue}). */
  int exitValue() {
    if (!reaped) {
      throw new IllegalStateException("process " + pid + " has not been reaped");
    }
    return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
  }

  /**
   * SIGKILLs the process, its process group and its descendants, then reaps it. Once it was reaped,
   * only its group is killed, and only while a member still holds its output open (the group's id
   * cannot be reused while the group has members).
   */
  void killTree() {
    if (!reaped || fds.stdoutParent >= 0 || fds.stderrParent >= 0) {
      ProcessTrees.killGroup(pid);
    }
    // A reaped pid may already belong to another process.
    if (!reaped) {
      ProcessTrees.kill(pid);
      reap(0);
    }
  }

  private boolean reap(int options) {
    if (reaped) {
      return true;
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Native.errnoState(arena);
      MemorySegment st = arena.allocate(JAVA_INT);
      while (true) {
        int rc = (int) Posix.WAITPID.invokeExact(state, pid, st, options);
        if (rc == pid) {
          status = st.get(JAVA_INT, 0);
          reaped = true;
          return true;
        }
        if (rc == 0) {
          return false;
        }
        if (Native.errno(state) != Posix.EINTR) {
          throw new IllegalStateException(
              "waitpid(" + pid + ") failed: " + Native.strerror(Native.errno(state)));
        }
      }
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("waitpid(" + pid + ") could not be called: " + t, t);
    }
  }

  /** Kills and reaps the process unless it was reaped, and closes every descriptor. */
  @Override
  public void close() {
    try {
      if (!reaped) {
        killTree();
      }
    } finally {
      fds.closeAll();
    }
  }

  /** A spawn failure with the error number, so callers can retry ETXTBSY. */
  static final class SpawnException extends IOException {
    private static final long serialVersionUID = 1L;
    final int errno;

    SpawnException(Path binary, int errno) {
      super("cannot start " + binary + ": " + Native.strerror(errno) + " (errno " + errno + ")");
      this.errno = errno;
    }
  }
}
