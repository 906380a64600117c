package dev.netmark.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.ClusterEvent;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosisTest {
  private static final ClusterEvent RESTART =
      new ClusterEvent(
          Instant.parse("2026-12-05T10:04:42Z"),
          "nml-node2",
          ClusterEvent.SHIM_RESTART,
          "exit signal 9");

  private static Pod pending(String name, String node, String reason, String message) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .endSpec()
        .withNewStatus()
        .withPhase("Pending")
        .addNewCondition()
        .withType("PodScheduled")
        .withStatus(node == null ? "False" : "True")
        .withReason(node == null ? "Unschedulable" : null)
        .endCondition()
        .addNewCondition()
        .withType("PodReadyToStartContainers")
        .withStatus("False")
        .withReason(reason)
        .withMessage(message)
        .endCondition()
        .endStatus()
        .build();
  }

  private static Pod running(String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withNodeName("nml-node1")
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .endStatus()
        .build();
  }

  @Test
  void groupsByNodeAndReasonLargestFirstNamingRestarts() {
    List<Pod> pods = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      pods.add(
          pending(
              "p" + i,
              "nml-node2",
              "FailedCreatePodSandBox",
              "UNAVAILABLE: io exception for sandbox 0123456789abcdef" + i));
    }
    pods.add(pending("q", "nml-node1", "FailedCreatePodSandBox", "plugin failed\nsecond line"));
    pods.add(pending("u", null, null, null));
    pods.add(running("r"));
    assertThat(Diagnosis.lines(pods, List.of(RESTART)))
        .containsExactly(
            "12 pods on nml-node2: FailedCreatePodSandBox: UNAVAILABLE: io exception for sandbox"
                + " <id> (shim restarted at 10:04:42)",
            "1 pod on nml-node1: FailedCreatePodSandBox: plugin failed",
            "1 pod not scheduled: Unschedulable");
  }

  @Test
  void atMostEightGroupsAndACountOfTheRest() {
    List<Pod> pods = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      pods.add(pending("p" + i, "node" + i, "FailedCreatePodSandBox", "x"));
    }
    List<String> lines = Diagnosis.lines(pods, List.of());
    assertThat(lines).hasSize(Diagnosis.GROUPS + 1);
    assertThat(lines.getLast()).isEqualTo("and 2 more groups");
  }

  @Test
  void runningPodsNeedNoDiagnosis() {
    assertThat(Diagnosis.lines(List.of(running("a"), running("b")), List.of())).isEmpty();
  }
}
