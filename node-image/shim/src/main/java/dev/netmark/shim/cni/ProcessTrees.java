package dev.netmark.shim.cni;

import dev.netmark.shim.ffi.Native;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;

/** Kills a process and everything it started. */
final class ProcessTrees {
  private static final int ESRCH = 3;

  private ProcessTrees() {}

  /**
   * SIGKILLs every process of group {@code pgid}: a plugin's descendants, also those re-parented
   * after it exited, unless they left the group. A group that is gone already is no error.
   */
  static void killGroup(int pgid) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Native.errnoState(arena);
      int rc = (int) Posix.KILL.invokeExact(state, -pgid, Posix.SIGKILL);
      if (rc < 0 && Native.errno(state) != ESRCH) {
        throw new IllegalStateException(
            "kill(-" + pgid + ") failed: " + Native.strerror(Native.errno(state)));
      }
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("kill(-" + pgid + ") could not be called: " + t, t);
    }
  }

  /**
   * SIGKILLs the descendants (snapshotted first: once the parent dies they are re-parented and no
   * longer found) and then the process, repeating while it is still alive and forking. Call it only
   * for a child not yet reaped, so that {@code pid} is still the plugin's.
   */
  static void kill(long pid) {
    Optional<ProcessHandle> found = ProcessHandle.of(pid);
    if (found.isEmpty()) {
      return;
    }
    ProcessHandle process = found.get();
    for (int round = 0; round < 3 && process.isAlive(); round++) {
      List<ProcessHandle> descendants = process.descendants().toList();
      descendants.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
  }
}
