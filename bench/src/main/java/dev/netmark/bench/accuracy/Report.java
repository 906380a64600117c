package dev.netmark.bench.accuracy;

import java.util.List;
import java.util.Locale;

/** The benchmark's line per repetition and truth, for the log and the docs. */
final class Report {
  private Report() {}

  /**
   * The front door's own truth (its wall-clock stamps) and where the time went between the shim's
   * ADD and the plugin's stamps.
   *
   * @param m {@link TruthErrors#last}
   */
  static void frontDoorTruth(Injection inj, int rep, List<PodError> errors, double[] m) {
    System.out.printf(
        Locale.ROOT,
        "%s rep %d: front door's truth: cni_add |err| median %.2f ms (signed %+.2f),"
            + " network_ready |err| median %.2f ms (signed %+.2f), %d pods, truth cni_add median"
            + " %.1f ms; gaps (ms resolution): spawn %.1f, script tail %.1f, exit to record %.1f,"
            + " restore to ready %.1f (per probe class %s), lifting the hold took %.1f%n",
        inj,
        rep + 1,
        m[0],
        m[1],
        m[2],
        m[3],
        errors.size(),
        Stats.median(errors, PodError::cniAddTruth),
        Stats.median(errors, PodError::startGap),
        Stats.median(errors, PodError::tail),
        Stats.median(errors, PodError::exitGap),
        Stats.median(errors, PodError::readyGap),
        Stats.probeGaps(errors),
        Stats.median(errors, PodError::restoreWindow));
  }

  /**
   * The kernel's truth, and what it holds that the front door's own stamps leave out: the front
   * door's creation to its exec and to its first stamp, its exit stamp to its exit.
   *
   * @param withKernel pods with {@link PodError#kernel}
   * @param m {@link TruthErrors#last}
   */
  static void kernelTruth(Injection inj, int rep, List<PodError> withKernel, double[] m) {
    System.out.printf(
        Locale.ROOT,
        "%s rep %d: kernel's truth: cni_add |err| median %.3f ms (signed %+.3f), network_ready"
            + " |err| median %.3f ms (signed %+.3f), %d pods, truth cni_add median %.1f ms; front"
            + " door: creation to exec %.3f, to first stamp %.3f, exit stamp to exit %.3f ms;"
            + " datapath back to first success per probe class %s%n",
        inj,
        rep + 1,
        m[0],
        m[1],
        m[2],
        m[3],
        withKernel.size(),
        Stats.median(withKernel, p -> p.kernel().cniAddTruth()),
        Stats.median(withKernel, p -> p.kernel().toExec()),
        Stats.median(withKernel, p -> p.kernel().doorStart()),
        Stats.median(withKernel, p -> p.kernel().doorExit()),
        Stats.probeGaps(withKernel, p -> p.kernel().probeGaps()));
  }
}
