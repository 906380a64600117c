package dev.netmark.shim.cni;

import java.util.List;
import java.util.Optional;

/** Kills a process and everything it started. */
final class ProcessTrees {
  private ProcessTrees() {}

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
