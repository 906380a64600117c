package dev.netmark.shim.probe;

import dev.netmark.contract.ProbeTargets;
import dev.netmark.shim.netns.NetnsException;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A pod's checks made ready while its ADD runs ({@link Prober#prepare}): planned, its namespace
 * open and the first sockets made, nothing sent. Used by the pod's start if the targets did not
 * change in between, else discarded. Loop thread only, apart from the fields set at construction.
 */
final class PreparedPod {
  final Path netns;
  final ProbeTargets targets;
  private PlannedChecks planned;
  private PodRun run;
  private NetnsException unopened;
  private boolean over;

  PreparedPod(Path netns, ProbeTargets targets) {
    this.netns = netns;
    this.targets = targets;
  }

  /** Whether a pod in {@code netns} probing {@code now} can start from this. */
  boolean fits(Path netns, ProbeTargets now) {
    // Identity first: the holder hands out one object until the targets change.
    return this.netns.equals(netns) && (targets == now || targets.equals(now));
  }

  /** Plans the checks and makes their sockets (loop thread). */
  void make(EventLoop loop, String node, String uid) {
    if (over) {
      return;
    }
    planned = PlannedChecks.of(targets, node, ThreadLocalRandom.current());
    try {
      run =
          PodRun.prepare(
              loop, netns, uid, planned.runnable(), planned.resolved(), planned.policy());
    } catch (NetnsException e) {
      unopened = e; // reported by start, as an unprepared pod reports it
    }
  }

  /** Starts {@code probe} with what was made (loop thread, after {@link #make}). */
  void start(PodProbe probe) {
    over = true;
    if (probe.cancelled()) {
      discardRun();
      return;
    }
    planned.announce(probe);
    long now = System.nanoTime();
    if (run == null) {
      probe.started(now);
      PodRun.failUnopened(probe, planned.runnable(), unopened);
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
