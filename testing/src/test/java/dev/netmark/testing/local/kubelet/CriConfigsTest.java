package dev.netmark.testing.local.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CriConfigsTest {
  private static final Pod POD =
      new PodBuilder()
          .withNewMetadata()
          .withName("np-1")
          .withNamespace("ns")
          .withUid("u-1")
          .addToLabels("netperf", "true")
          .addToAnnotations("a", "b")
          .endMetadata()
          .withNewSpec()
          .withNodeName("n1")
          .withRestartPolicy("Never")
          .addNewContainer()
          .withName("iperf")
          .withImage("img")
          .withCommand("iperf3")
          .withArgs("-c", "X")
          .addNewPort()
          .withContainerPort(80)
          .withHostPort(8080)
          .endPort()
          .endContainer()
          .endSpec()
          .build();

  @Test
  void sandboxConfigCarriesIdentityLabelsAndHostPorts() {
    var c = CriConfigs.sandbox(POD, 2, Path.of("/logs"));
    assertThat(c.getMetadata().getUid()).isEqualTo("u-1");
    assertThat(c.getMetadata().getAttempt()).isEqualTo(2);
    assertThat(c.getHostname()).isEqualTo("np-1");
    assertThat(c.getLogDirectory()).isEqualTo("/logs/ns_np-1_u-1");
    assertThat(c.getLabelsMap())
        .containsEntry("netperf", "true")
        .containsEntry("io.kubernetes.pod.uid", "u-1")
        .containsEntry("io.kubernetes.pod.namespace", "ns");
    assertThat(c.getAnnotationsMap()).containsEntry("a", "b");
    assertThat(c.getPortMappingsList()).hasSize(1);
    assertThat(c.getPortMappings(0).getHostPort()).isEqualTo(8080);
  }

  @Test
  void containerConfigCarriesTheCommand() {
    var c = CriConfigs.container(POD, POD.getSpec().getContainers().getFirst());
    assertThat(c.getCommandList()).containsExactly("iperf3");
    assertThat(c.getArgsList()).containsExactly("-c", "X");
    assertThat(c.getImage().getImage()).isEqualTo("img");
    assertThat(Containers.canExit(POD.getSpec().getContainers().getFirst())).isTrue();
  }

  @Test
  void statusFollowsTheContainers() {
    Instant t = Instant.parse("2026-01-01T00:00:00.500Z");
    var run = new ContainerRun("iperf", "img", "netmark://c1", t, null, null, null);
    var running = PodStatuses.started(POD, "10.0.0.1", "10.1.0.5", t, t, List.of(run));
    assertThat(running.getPhase()).isEqualTo("Running");
    assertThat(running.getPodIP()).isEqualTo("10.1.0.5");
    assertThat(running.getConditions())
        .filteredOn(c -> c.getType().equals("Ready"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
            });
    var done =
        PodStatuses.started(POD, "10.0.0.1", "10.1.0.5", t, t, List.of(run.exited(0, t, null)));
    assertThat(done.getPhase()).isEqualTo("Succeeded");
    assertThat(done.getContainerStatuses().getFirst().getState().getTerminated().getExitCode())
        .isZero();
    var failed =
        PodStatuses.started(
            POD, "10.0.0.1", "10.1.0.5", t, t, List.of(run.exited(3, t, "refused")));
    assertThat(failed.getPhase()).isEqualTo("Failed");
    var pending = PodStatuses.pending(POD, "10.0.0.1", t, "FailedCreatePodSandBox", "boom");
    assertThat(pending.getPhase()).isEqualTo("Pending");
    assertThat(pending.getContainerStatuses().getFirst().getState().getWaiting().getReason())
        .isEqualTo("ContainerCreating");
  }
}
