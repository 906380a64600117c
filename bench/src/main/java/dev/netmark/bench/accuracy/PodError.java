package dev.netmark.bench.accuracy;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import dev.netmark.testing.local.delay.DelayTruth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One pod's measured values next to the plugin's truth, in ms.
 *
 * @param uid the pod
 * @param cniAdd measured {@code cni_add}
 * @param cniAddTruth the plugin's own ADD
 * @param networkReady measured {@code network_ready}
 * @param networkReadyTruth plugin start to datapath restored
 * @param startGap from the shim's ADD start to the plugin's first line: spawning the plugin,
 *     mostly. The ADD start's wall time is the ADD record's less cni_add, so gaps have ms
 *     resolution (not the NETWORK_READY record's: it is written when the last answer is read, while
 *     network_ready ends at that answer's send time)
 * @param tail from the script's last stamp to its exit, as the front door that waited for it saw
 *     it: setting the hold, forking the timer, bash's exit (0 with the script alone); part of the
 *     truth, kept apart to compare with the older truth that ended at the last stamp
 * @param exitGap from the plugin's exit (its last stamp with the script alone) to the ADD record:
 *     the front door's own exit, the shim noticing it, and the shim's bookkeeping before the record
 *     (ms resolution)
 * @param readyGap from the datapath's restore to network-ready as measured (ADD start plus
 *     network_ready): the probes noticing it (ms resolution)
 * @param restoreWindow how long the plugin's call lifting the hold took (0 without a hold): the
 *     truth's own uncertainty, as the datapath came back somewhere inside it
 * @param probeGaps per probe class ({@code probe_same_node}, ...), from the datapath's restore to
 *     its first success (ms resolution)
 * @param kernel the same pod against the kernel's stamps of its front door, or null if the kernel's
 *     events of it were not seen
 */
record PodError(
    String uid,
    double cniAdd,
    double cniAddTruth,
    double networkReady,
    double networkReadyTruth,
    double startGap,
    double tail,
    double exitGap,
    double readyGap,
    double restoreWindow,
    Map<String, Double> probeGaps,
    Kernel kernel) {

  /**
   * The truth from the kernel's process events (CLOCK_MONOTONIC, ns resolution), in ms.
   *
   * @param cniAddTruth the front door's creation (the clone of the shim's posix_spawn) to its exit
   * @param networkReadyTruth its creation to the datapath back (the hold's lifting, its wall-clock
   *     stamp mapped through the front door's clock pair), or {@code cniAddTruth} without a hold
   * @param doorStart its creation to its first stamp: its exec and start-up, which the front door's
   *     own truth leaves out
   * @param doorExit its exit stamp to its exit: the other part left out
   * @param toExec its creation to its exec of the front door binary, NaN if that was not seen
   * @param probeGaps per probe class, from datapath back to the class's first success, as durations
   *     from the ADD's start (measured) less {@code networkReadyTruth}: where {@code
   *     network_ready}'s error comes from, class by class
   */
  record Kernel(
      double cniAddTruth,
      double networkReadyTruth,
      double doorStart,
      double doorExit,
      double toExec,
      Map<String, Double> probeGaps) {}

  double cniAddError() {
    return cniAdd - cniAddTruth;
  }

  double networkReadyError() {
    return networkReady - networkReadyTruth;
  }

  /** Measured {@code cni_add} less the kernel's truth; only for a pod with {@link #kernel}. */
  double kernelCniAddError() {
    return cniAdd - kernel.cniAddTruth();
  }

  /**
   * Measured {@code network_ready} less the kernel's truth; only for a pod with {@link #kernel}.
   */
  double kernelNetworkReadyError() {
    return networkReady - kernel.networkReadyTruth();
  }

  /**
   * The pods of a repetition paired with their truth, and those that could not be.
   *
   * @param errors one per paired pod
   * @param skipped one line per pod left out, naming what it lacks
   * @param kernelMissed one line per paired pod without {@link PodError#kernel}, naming why
   */
  record Paired(List<PodError> errors, List<String> skipped, List<String> kernelMissed) {
    /** The paired pods with the kernel's truth. */
    List<PodError> withKernel() {
      return errors.stream().filter(e -> e.kernel() != null).toList();
    }
  }

  /**
   * Pairs every pod of {@code uids} with its truth; a pod that lacks a record or a truth is skipped
   * and named in {@link Paired#skipped}, never an error: one pod's missing truth must not throw
   * away the others. A paired pod whose front door's fork or exit is not in {@code procs} has no
   * kernel truth and is named in {@link Paired#kernelMissed}.
   */
  static Paired pair(List<String> uids, List<PodEvent> events, DelayTruth truth, ProcLog procs) {
    Map<String, PodEvent> adds = latest(events, EventKind.ADD);
    Map<String, PodEvent> ready = latest(events, EventKind.NETWORK_READY);
    List<PodError> out = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<String> kernelMissed = new ArrayList<>();
    for (String uid : uids) {
      PodEvent add = adds.get(uid);
      PodEvent nr = ready.get(uid);
      DelayTruth.Add t = truth.adds().get(uid);
      var readyTruth = truth.readyMillis(uid);
      if (add == null || nr == null || t == null || readyTruth.isEmpty()) {
        missing.add(
            uid
                + (add == null ? " (no ADD record)" : "")
                + (nr == null ? " (no NETWORK_READY record)" : "")
                + (t == null ? " (no ADD truth)" : "")
                + (t != null && readyTruth.isEmpty()
                    ? truth.failedRestores().contains(uid)
                        ? " (lifting the hold failed)"
                        : " (no truth of the hold's lifting)"
                    : ""));
        continue;
      }
      double cniAdd = ms(add, MetricNames.CNI_ADD);
      double networkReady = ms(nr, MetricNames.NETWORK_READY);
      double readyAtMs = t.startUs() / 1000.0 + readyTruth.get();
      double addStartMs = add.wallMs() - cniAdd;
      // Per probe class, its first success's send time from the ADD's start (the shim's durations).
      Map<String, Double> sinceAddStart = new java.util.TreeMap<>();
      for (PodEvent e : events) {
        if (e.uid().equals(uid) && e.kind() == EventKind.PROBE) {
          // Only the class's own number: _arrival and _read are the prober's, not the class's.
          e.seconds().entrySet().stream()
              .filter(
                  kv ->
                      MetricNames.PROBE_TARGETS.stream()
                          .map(MetricNames::probeKey)
                          .anyMatch(kv.getKey()::equals))
              .forEach(kv -> sinceAddStart.put(kv.getKey(), cniAdd + kv.getValue() * 1000));
        }
      }
      Map<String, Double> probeGaps = new java.util.TreeMap<>();
      sinceAddStart.forEach((k, v) -> probeGaps.put(k, addStartMs + v - readyAtMs));
      Kernel kernel = kernel(t, truth.restoredUs().get(uid), procs, sinceAddStart);
      if (kernel == null) {
        kernelMissed.add(
            uid
                + (t.door() == null
                    ? " (no pid in its truth line)"
                    : " (no kernel fork and exit of pid " + t.door().pid() + ")"));
      }
      out.add(
          new PodError(
              uid,
              cniAdd,
              t.addMillis(),
              networkReady,
              readyTruth.get(),
              t.startUs() / 1000.0 - addStartMs,
              t.tailMillis(),
              addStartMs + cniAdd - t.exitUs() / 1000.0,
              addStartMs + networkReady - readyAtMs,
              truth.restoreStartUs().containsKey(uid)
                  ? (truth.restoredUs().get(uid) - truth.restoreStartUs().get(uid)) / 1000.0
                  : 0,
              probeGaps,
              kernel));
    }
    return new Paired(List.copyOf(out), List.copyOf(missing), List.copyOf(kernelMissed));
  }

  // Null if the truth line has no front door fields or the kernel's events of it were not seen.
  private static Kernel kernel(
      DelayTruth.Add t, Long restoredUs, ProcLog procs, Map<String, Double> sinceAddStart) {
    DelayTruth.FrontDoor door = t.door();
    if (door == null) {
      return null;
    }
    var life = procs.life(door.pid(), door.startMonoNs());
    if (life.isEmpty()) {
      return null;
    }
    long fork = life.get().forkNs();
    double add = life.get().millis();
    // With a hold, datapath back is the plugin's wall-clock stamp, on CLOCK_MONOTONIC via the pair.
    double ready = t.holdDownMs() == 0 ? add : (door.monoNsOfWallUs(restoredUs) - fork) / 1e6;
    long exec = life.get().execNs();
    Map<String, Double> probeGaps = new java.util.TreeMap<>();
    // Durations only: the front door's creation stands for the ADD's start on both sides.
    sinceAddStart.forEach((k, v) -> probeGaps.put(k, v - ready));
    return new Kernel(
        add,
        ready,
        (door.startMonoNs() - fork) / 1e6,
        (life.get().exitNs() - door.exitMonoNs()) / 1e6,
        exec < 0 ? Double.NaN : (exec - fork) / 1e6,
        Map.copyOf(probeGaps));
  }

  private static Map<String, PodEvent> latest(List<PodEvent> events, EventKind kind) {
    Map<String, PodEvent> out = new java.util.HashMap<>();
    events.stream().filter(e -> e.kind() == kind).forEach(e -> out.put(e.uid(), e));
    return out;
  }

  private static double ms(PodEvent e, String key) {
    Double s = e.seconds().get(key);
    if (s == null) {
      throw new IllegalStateException(e.kind() + " record of " + e.uid() + " has no " + key);
    }
    return s * 1000;
  }
}
