package dev.netmark.shim.probe;

import dev.netmark.contract.ProbeTargets;
import dev.netmark.shim.netns.NetnsException;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A pod's checks made ready to start: planned, its namespace open and the first sockets made,
 * nothing sent. {@link Prober#prepare} makes one while the pod's ADD runs, used by the pod's start
 * if the targets did not change in between, else discarded; a pod that was not prepared is made and
 * started in one turn of the loop. Loop thread only, apart from the constructors.
 */
final class PreparedPod {
  final Path netns;
  final ProbeTargets targets;
  private PlannedChecks planned;
  private PodRun run;
  private NetnsException unopened;
  private boolean over;

  /** To be planned by {@link #make}, on the loop. */
  PreparedPod(Path netns, ProbeTargets targets) {
    this(netns, targets, null);
  }

  /** Planned already (names resolved by the caller, off the loop). */
  PreparedPod(Path netns, ProbeTargets targets, PlannedChecks planned) {
    this.netns = netns;
    this.targets = targets;
    this.planned = planned;
  }

  /** Whether a pod in {@code netns} probing {@code now} can start from this. */
  boolean fits(Path netns, ProbeTargets now) {
    // Identity first: the holder hands out one object until the targets change.
    return this.netns.equals(netns) && (targets == now || targets.equals(now));
  }

  /** Plans the checks (unless planned already) and makes their sockets (loop thread). */
  void make(EventLoop loop, String node, String uid) {
    if (over) {
      return;
    }
    if (planned == null) {
      planned = PlannedChecks.of(targets, node, ThreadLocalRandom.current());
    }
    try {
      run =
          PodRun.prepare(
              loop, netns, uid, planned.runnable(), planned.resolved(), planned.policy());
    } catch (NetnsException e) {
      unopened = e; // reported by start, as an unprepared pod reports it
    }
  }

  /**
   * Starts {@code probe} with what was made (loop thread, after {@link #make}). A namespace that
   * could not be opened fails every planned class with the reason.
   *
   * @param now when probing began ({@link System#nanoTime()}): the checks' deadlines count from it
   */
  void start(PodProbe probe, long now) {
    over = true;
    if (probe.cancelled()) {
      discardRun();
      return;
    }
    planned.announce(probe);
    if (run == null) {
      probe.started(now);
      probe.failAll(
          planned.runnable().classes().keySet(),
          "cannot probe from the pod's namespace: " + unopened.getMessage());
      return;
    }
    run.begin(probe, now);
  }

  /** Closes what was made, unused (loop thread). */
  void discard() {
    over = true;
    discardRun();
  }

  private void discardRun() {
    if (run != null) {
      run.close();
      run = null;
    }
  }
}
