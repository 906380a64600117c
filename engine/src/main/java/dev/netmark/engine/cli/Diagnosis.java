package dev.netmark.engine.cli;

import dev.netmark.api.ClusterEvent;
import dev.netmark.engine.report.ClusterSummary;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The short diagnosis printed when a run fails: the test's pods that are not running, grouped by
 * node and by what their status says ({@code 12 pods on nml-node2: FailedCreatePodSandBox:
 * UNAVAILABLE: ... (shim restarted at 10:04:42)}), largest group first, at most {@link #GROUPS}
 * lines.
 */
final class Diagnosis {
  static final int GROUPS = 8;
  private static final int MESSAGE_CHARS = 160;
  // The conditions that say why a pod is not running, in the order a pod goes through them.
  private static final List<String> CONDITIONS =
      List.of("PodScheduled", "PodReadyToStartContainers", "ContainersReady", "Ready");

  private Diagnosis() {}

  /** The pods of {@code namespaces}; empty when the API cannot say (the failure may be that). */
  static List<Pod> pods(KubernetesClient kube, List<String> namespaces) {
    List<Pod> pods = new ArrayList<>();
    for (String ns : namespaces) {
      try {
        pods.addAll(kube.pods().inNamespace(ns).list().getItems());
      } catch (KubernetesClientException e) {
        return List.of();
      }
    }
    return pods;
  }

  /** The lines for {@code pods} that are not running; empty when every pod runs. */
  static List<String> lines(List<Pod> pods, List<ClusterEvent> events) {
    Map<String, Integer> groups = new LinkedHashMap<>();
    for (Pod p : pods) {
      String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
      if (!"Running".equals(phase) && !"Succeeded".equals(phase)) {
        groups.merge(group(p, events), 1, Integer::sum);
      }
    }
    List<String> out =
        groups.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .limit(GROUPS)
            .map(e -> e.getValue() + (e.getValue() == 1 ? " pod " : " pods ") + e.getKey())
            .collect(Collectors.toCollection(ArrayList::new));
    if (groups.size() > GROUPS) {
      out.add("and " + (groups.size() - GROUPS) + " more groups");
    }
    return out;
  }

  private static String group(Pod p, List<ClusterEvent> events) {
    String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
    if (node == null || node.isEmpty()) {
      return "not scheduled" + reason(p);
    }
    List<String> restarts =
        events.stream()
            .filter(e -> e.node().equals(node) && e.kind().equals(ClusterEvent.SHIM_RESTART))
            .map(e -> ClusterSummary.TIME.format(e.at()))
            .toList();
    return "on "
        + node
        + reason(p)
        + (restarts.isEmpty() ? "" : " (shim restarted at " + String.join(", ", restarts) + ")");
  }

  /** {@code : REASON: message} of the first condition that is false with a reason, or the phase. */
  private static String reason(Pod p) {
    if (p.getStatus() == null) {
      return ": no status";
    }
    for (String type : CONDITIONS) {
      for (PodCondition c : p.getStatus().getConditions()) {
        if (c.getType().equals(type) && "False".equals(c.getStatus()) && c.getReason() != null) {
          String message = c.getMessage() == null ? "" : ": " + firstLine(c.getMessage());
          return ": " + c.getReason() + message;
        }
      }
    }
    return ": " + p.getStatus().getPhase();
  }

  // IDs (sandbox, container) differ per pod; masked, the same failure groups together.
  private static String firstLine(String s) {
    String line = s.lines().findFirst().orElse("").replaceAll("\\b[0-9a-f]{12,}\\b", "<id>");
    return line.length() > MESSAGE_CHARS ? line.substring(0, MESSAGE_CHARS) + "..." : line;
  }
}
