package dev.netmark.bench.faults;

import dev.netmark.bench.shim.Cmd;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One shim's state directory on a small tmpfs of its own, which the soak fills for a few seconds: a
 * full disk under a running shim. The state moves onto the tmpfs (and back at the end) while the
 * shim is stopped with SIGSTOP, which is then killed with SIGKILL: the restart that follows, the
 * node's supervisor's, is the first (or last) to see the moved directory, and nothing is written in
 * between.
 */
final class FullDisk implements AutoCloseable {
  private static final String FILLER = ".fault-soak-filler";

  private final Path stateDir;
  private final Path scratch;
  private boolean mounted;

  private FullDisk(Path stateDir, Path scratch) {
    this.stateDir = stateDir;
    this.scratch = scratch;
  }

  /**
   * Moves {@code stateDir}, the directory of the shim with pid {@code shimPid}, onto a tmpfs of
   * {@code sizeMiB}; the shim is killed and its supervisor starts it again.
   */
  static FullDisk mount(Path stateDir, long shimPid, int sizeMiB, Path scratch) {
    FullDisk d = new FullDisk(stateDir, scratch);
    d.underStoppedShim(
        shimPid,
        () -> {
          copy(stateDir, scratch);
          sh(
              "mount",
              "-t",
              "tmpfs",
              "-o",
              "size=" + sizeMiB + "m",
              "nfs-soak-state",
              stateDir.toString());
          d.mounted = true;
          copy(scratch, stateDir);
        });
    return d;
  }

  /** Fills the tmpfs to the last byte, holds it full for {@code d}, then frees it. */
  void fillFor(Duration d) throws InterruptedException {
    Path filler = stateDir.resolve(FILLER);
    try {
      Cmd.run("dd", "if=/dev/zero", "of=" + filler, "bs=1M");
      throw new IllegalStateException("dd filled " + stateDir + " without running out of space");
    } catch (IllegalStateException e) {
      if (!e.getMessage().contains("No space left on device")) {
        throw e;
      }
    }
    try {
      Thread.sleep(d);
    } finally {
      sh("rm", "-f", filler.toString());
    }
  }

  /** Moves the state back to the real directory under a stopped shim, which is then killed. */
  void unmount(long shimPid) {
    if (!mounted) {
      return;
    }
    underStoppedShim(
        shimPid,
        () -> {
          copy(stateDir, scratch);
          // Lazily: the stopped shim still holds files there until it is killed.
          sh("umount", "-l", stateDir.toString());
          mounted = false;
          sh("find", stateDir.toString(), "-mindepth", "1", "-delete");
          copy(scratch, stateDir);
        });
  }

  /** Last resort when the soak fails: the real directory must be back before teardown. */
  @Override
  public void close() {
    if (mounted) {
      sh("umount", "-l", stateDir.toString());
      mounted = false;
    }
  }

  private interface Step {
    void run();
  }

  private void underStoppedShim(long pid, Step step) {
    sh("kill", "-STOP", Long.toString(pid));
    try {
      step.run();
    } finally {
      sh("kill", "-KILL", Long.toString(pid));
    }
  }

  /** Replaces {@code to}'s content by {@code from}'s, attributes kept. */
  private static void copy(Path from, Path to) {
    sh("mkdir", "-p", to.toString());
    sh("find", to.toString(), "-mindepth", "1", "-delete");
    sh("cp", "-a", from + "/.", to.toString());
  }

  private static void sh(String... argv) {
    Cmd.run(argv);
  }
}
