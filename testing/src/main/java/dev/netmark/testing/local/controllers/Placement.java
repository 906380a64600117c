package dev.netmark.testing.local.controllers;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The scheduler's choice for one pod: filter (Ready, nodeSelector), then score (fewest pods). */
final class Placement {
  private Placement() {}

  /**
   * The node for {@code pod}, or null when none fits.
   *
   * @param podsPerNode pods already on each node
   */
  static String choose(Pod pod, List<Node> nodes, Map<String, Integer> podsPerNode) {
    Map<String, String> selector = pod.getSpec().getNodeSelector();
    return nodes.stream()
        .filter(Placement::ready)
        .filter(n -> matches(n, selector))
        .map(n -> n.getMetadata().getName())
        .min(
            Comparator.<String>comparingInt(n -> podsPerNode.getOrDefault(n, 0))
                .thenComparing(Comparator.naturalOrder()))
        .orElse(null);
  }

  static boolean ready(Node node) {
    return node.getStatus() != null
        && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))
        && (node.getSpec() == null || !Boolean.TRUE.equals(node.getSpec().getUnschedulable()));
  }

  static boolean matches(Node node, Map<String, String> selector) {
    if (selector == null || selector.isEmpty()) {
      return true;
    }
    Map<String, String> labels = node.getMetadata().getLabels();
    return labels != null && labels.entrySet().containsAll(selector.entrySet());
  }
}
