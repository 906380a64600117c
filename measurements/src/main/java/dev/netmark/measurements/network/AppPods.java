package dev.netmark.measurements.network;

import dev.netmark.api.Durations;
import dev.netmark.contract.MetricNames;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a pod of an application model says about itself in the API: its tier (label {@link
 * MetricNames#TIER_LABEL}) and, for a client, each edge's request timeout from its {@code
 * netmark-call EDGE PROTOCOL TARGET ... [--timeout T]} command (docs/design.md, "Application
 * models"). Records carry neither.
 */
final class AppPods {
  /** The request timeout of an edge whose command does not say. */
  static final long DEFAULT_TIMEOUT_MS = 2000;

  private AppPods() {}

  /** The pod's tier, or null when it has no tier label. */
  static String tier(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels == null ? null : labels.get(MetricNames.TIER_LABEL);
  }

  /** Edge to request timeout in ms, for each container that calls a tier. */
  static Map<String, Long> callTimeouts(Pod pod) {
    Map<String, Long> out = new HashMap<>();
    if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
      return out;
    }
    for (Container c : pod.getSpec().getContainers()) {
      List<String> words = new ArrayList<>();
      if (c.getCommand() != null) {
        words.addAll(c.getCommand());
      }
      if (c.getArgs() != null) {
        words.addAll(c.getArgs());
      }
      if (words.size() >= 2 && words.getFirst().equals(MetricNames.CALL_COMMAND)) {
        out.put(words.get(1), timeoutMs(words));
      }
    }
    return out;
  }

  private static long timeoutMs(List<String> words) {
    int at = words.indexOf("--timeout");
    if (at < 0 || at + 1 >= words.size()) {
      return DEFAULT_TIMEOUT_MS;
    }
    try {
      return Durations.parse(words.get(at + 1)).toMillis();
    } catch (IllegalArgumentException e) {
      return DEFAULT_TIMEOUT_MS; // the shim refuses such a command; its pod sends nothing
    }
  }
}
