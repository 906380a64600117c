package dev.netmark.bench.shim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one round at one parallelism measured: the shim's pods (by UID, their {@code cni_add} comes
 * from its records afterwards) with their RunPodSandbox round trips, and the script's pods.
 */
final class Round {
  final List<String> shimPods = new ArrayList<>();
  final Samples sandboxRoundTrip = new Samples();
  final Samples scriptAdd = new Samples();
  final Samples scriptNetnsAndAdd = new Samples();

  /** The shim's {@code cni_add} of this round's pods, from {@code cniAddMsByUid}. */
  Samples shimCniAdd(Map<String, Double> cniAddMsByUid) {
    Samples s = new Samples();
    for (String uid : shimPods) {
      Double ms = cniAddMsByUid.get(uid);
      if (ms == null) {
        throw new IllegalStateException("the shim recorded no successful ADD for pod " + uid);
      }
      s.add(ms);
    }
    return s;
  }
}
