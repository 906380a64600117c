package dev.netmark.engine.measurement.builtin;

import dev.netmark.api.MetricSource.EventBatch;
import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.engine.kube.PodState;
import dev.netmark.engine.progress.PodCounts;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which pod UIDs the shims reported ADD done and network-ready, and the last failure of the others.
 */
final class ReadySet {
  private static final int EXAMPLES = 5;

  private final Set<String> added = new HashSet<>();
  private final Set<String> ready = new HashSet<>();
  private final Map<String, String> lastError = new HashMap<>();

  void add(EventBatch batch) {
    for (PodEvent e : batch.events()) {
      if (e.kind() == EventKind.ADD) {
        added.add(e.uid());
      }
      if (e.kind() == EventKind.NETWORK_READY) {
        ready.add(e.uid());
        lastError.remove(e.uid());
      } else if (e.error() != null && !ready.contains(e.uid())) {
        lastError.put(e.uid(), e.kind() + " on " + e.node() + ": " + e.error());
      }
    }
  }

  boolean isReady(String uid) {
    return ready.contains(uid);
  }

  /**
   * How far {@code pods} got, for the progress line (docs/design.md, "What the terminal shows").
   */
  PodCounts counts(List<PodState> pods) {
    long scheduled = 0;
    long addDone = 0;
    long networkReady = 0;
    for (PodState p : pods) {
      boolean isReady = ready.contains(p.uid());
      scheduled += p.node() != null ? 1 : 0;
      // A ready pod had its ADD, also when that record is older than what was read.
      addDone += isReady || added.contains(p.uid()) ? 1 : 0;
      networkReady += isReady ? 1 : 0;
    }
    return new PodCounts(pods.size(), scheduled, addDone, networkReady);
  }

  String timeoutMessage(
      WaitForNetworkReady.Spec spec,
      List<String> namespaces,
      int total,
      List<PodState> waiting,
      EventBatch last) {
    StringBuilder b = new StringBuilder();
    b.append("WaitForNetworkReady timed out after ")
        .append(spec.timeout())
        .append(": ")
        .append(waiting.size())
        .append(" of ")
        .append(total)
        .append(" pods matching '")
        .append(spec.labelSelector())
        .append("' in ")
        .append(String.join(", ", namespaces))
        .append(" are not network-ready, e.g. ")
        .append(
            waiting.stream()
                .limit(EXAMPLES)
                .map(p -> p.namespace() + "/" + p.name() + describe(p))
                .collect(Collectors.joining(", ")));
    var coverage = last.coverage();
    if (coverage != null && !coverage.failedNodes().isEmpty()) {
      b.append("; nodes not answering: ").append(coverage.failedNodes());
    }
    Map<String, Long> groups =
        waiting.stream()
            .map(p -> lastError.get(p.uid()))
            .filter(java.util.Objects::nonNull)
            .map(ReadySet::groupKey)
            .collect(Collectors.groupingBy(e -> e, java.util.TreeMap::new, Collectors.counting()));
    if (!groups.isEmpty()) {
      b.append("\n    last errors of the waiting pods, grouped:");
      // The most common error first: usually the one to fix.
      groups.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(
              g ->
                  b.append("\n    - ")
                      .append(g.getValue())
                      .append(g.getValue() == 1 ? " pod: " : " pods: ")
                      .append(CniHints.withFix(g.getKey(), "      ")));
    }
    return b.toString();
  }

  /** An error without what differs from pod to pod (container id, elapsed time). */
  static String groupKey(String error) {
    return error
        .replaceAll("for container [^:\\s]+", "for container *")
        .replaceAll("after \\d+ ms", "after * ms");
  }

  private String describe(PodState p) {
    String error = lastError.get(p.uid());
    if (error != null) {
      return " (" + error + ")";
    }
    return p.node() == null ? " (not scheduled)" : " (on " + p.node() + ")";
  }
}
