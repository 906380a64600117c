package dev.netmark.measurements.network;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Pods deleted from the API whose CNI DEL never completed (none, or only failed ones) although
 * their ADD succeeded: their IP, veth and netns may still be held on the node.
 */
record Leaks(List<PodRecord> pods) {
  private static final int EXAMPLES = 10;

  /**
   * @param existing UIDs that exist in the API at gather
   */
  static Leaks find(PodFold fold, Set<String> existing) {
    List<PodRecord> out = new ArrayList<>();
    for (PodRecord p : fold.pods()) {
      if (p.added() && !p.deleted() && !existing.contains(p.uid())) {
        out.add(p);
      }
    }
    // By name, not read order (which interleaves nodes page by page), so reports are stable.
    out.sort(Comparator.comparing(PodRecord::namespace).thenComparing(PodRecord::name));
    return new Leaks(List.copyOf(out));
  }

  String describe() {
    if (pods.isEmpty()) {
      return "leaks: none (every selected pod gone from the API had its CNI DEL complete)";
    }
    List<String> examples = new ArrayList<>();
    for (PodRecord p : pods.subList(0, Math.min(EXAMPLES, pods.size()))) {
      examples.add(
          p.namespace()
              + "/"
              + p.name()
              + " on "
              + p.node()
              + " ip "
              + p.ip()
              + (p.delFailed() ? " (DEL failed)" : " (no DEL)"));
    }
    return "leaks: "
        + pods.size()
        + " pods gone from the API without a completed CNI DEL (IPs still allocated): "
        + String.join(", ", examples)
        + "; a pod deleted just before gather may still be in teardown";
  }
}
