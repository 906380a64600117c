package dev.netmark.bench.scale;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.UUID;

/** Pods as the API server returns a running netperf pod of a netmark run. */
final class SyntheticPods {
  private SyntheticPods() {}

  static Pod running(int i) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace("netmark-20250301-101500-ab12-" + (i % 10))
        .withName("netperf-pod-" + i)
        .withUid(UUID.randomUUID().toString())
        .withCreationTimestamp("2025-03-01T10:15:00Z")
        .addToLabels("app", "netperf")
        .addToLabels("netperf", "true")
        .addToAnnotations("netmark.dev/create-request-ms", Long.toString(1_740_824_100_000L + i))
        .endMetadata()
        .withNewSpec()
        .withNodeName("hollow-node-" + (i % 50))
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .addNewCondition()
        .withType("PodScheduled")
        .withStatus("True")
        .withLastTransitionTime("2025-03-01T10:15:01Z")
        .endCondition()
        .addNewContainerStatus()
        .withNewState()
        .withNewRunning("2025-03-01T10:15:02Z")
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }
}
