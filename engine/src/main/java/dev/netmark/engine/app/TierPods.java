package dev.netmark.engine.app;

import dev.netmark.api.MetricSource.EventBatch;
import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.ProbeTargets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pods of a model's tiers and which of them are network-ready. Pods are named {@code
 * <tier>-<index>} with an index never used twice in a run, so a replacement never meets the pod it
 * replaces (still terminating) and a pod's namespace and name identify it in the shims' events.
 * Thread-safe: steps change tiers while the publisher reads them.
 */
final class TierPods {
  private final Map<String, SequencedSet<String>> live = new ConcurrentHashMap<>();
  private final Map<String, Integer> nextIndex = new ConcurrentHashMap<>();
  // Pod IP by namespace/name, for pods the shims reported network-ready, whose containers run (a
  // serving pod listens from its StartContainer on) and not yet torn down.
  private final Map<String, String> readyIps = new ConcurrentHashMap<>();
  // Network-ready pods whose containers were not seen running yet: a client calling such a pod
  // would be refused, as kube-proxy keeps a pod out of its endpoints until it is Ready.
  private final Map<String, String> awaitingStart = new ConcurrentHashMap<>();
  // namespace/name of pods seen with every container running.
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  // namespace/name of every live pod: events of other pods are not kept.
  private final Set<String> liveKeys = ConcurrentHashMap.newKeySet();

  /** Names for {@code n} new pods of the tier, registered as live. */
  synchronized List<String> add(String namespace, String tier, int n) {
    String key = ProbeTargets.tierKey(namespace, tier);
    int first = nextIndex.getOrDefault(key, 0);
    nextIndex.put(key, first + n);
    List<String> names = new ArrayList<>();
    for (int i = first; i < first + n; i++) {
      names.add(tier + "-" + i);
    }
    live.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(names);
    names.forEach(name -> liveKeys.add(namespace + "/" + name));
    return names;
  }

  /** Takes the {@code n} oldest ({@code oldest}) or newest live pods out of the tier. */
  synchronized List<String> remove(String namespace, String tier, int n, boolean oldest) {
    SequencedSet<String> pods =
        live.getOrDefault(ProbeTargets.tierKey(namespace, tier), new LinkedHashSet<>());
    List<String> out = new ArrayList<>();
    while (out.size() < n && !pods.isEmpty()) {
      String name = oldest ? pods.removeFirst() : pods.removeLast();
      liveKeys.remove(namespace + "/" + name);
      readyIps.remove(namespace + "/" + name);
      awaitingStart.remove(namespace + "/" + name);
      started.remove(namespace + "/" + name);
      out.add(name);
    }
    return out;
  }

  /** The live pods of the tier, oldest first. */
  synchronized List<String> live(String namespace, String tier) {
    return List.copyOf(
        live.getOrDefault(ProbeTargets.tierKey(namespace, tier), new LinkedHashSet<>()));
  }

  /** The IPs of the tier's live pods that are network-ready. */
  synchronized List<String> readyIps(String namespace, String tier) {
    List<String> ips = new ArrayList<>();
    for (String name :
        live.getOrDefault(ProbeTargets.tierKey(namespace, tier), new LinkedHashSet<>())) {
      String ip = readyIps.get(namespace + "/" + name);
      if (ip != null) {
        ips.add(ip);
      }
    }
    return ips;
  }

  boolean isReady(String namespace, String name) {
    return readyIps.containsKey(namespace + "/" + name);
  }

  /** Learns from the shims' events which pods became network-ready or were torn down. */
  void add(EventBatch batch) {
    for (PodEvent e : batch.events()) {
      String key = e.namespace() + "/" + e.name();
      if (!liveKeys.contains(key)) {
        continue;
      }
      if (e.kind() == EventKind.NETWORK_READY && e.ip() != null) {
        (started.contains(key) ? readyIps : awaitingStart).put(key, e.ip());
      } else if (e.kind() == EventKind.DEL || e.kind() == EventKind.REMOVED) {
        readyIps.remove(key);
        awaitingStart.remove(key);
      }
    }
  }

  /** Whether a network-ready pod waits to be seen with its containers running. */
  boolean awaitsStart() {
    return !awaitingStart.isEmpty();
  }

  /** Learns which pods ({@code namespace/name}) have every container running. */
  void running(Set<String> keys) {
    for (String key : keys) {
      if (liveKeys.contains(key)) {
        started.add(key);
        String ip = awaitingStart.remove(key);
        if (ip != null) {
          readyIps.put(key, ip);
        }
      }
    }
  }
}
