package dev.netmark.testing.local.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementTest {
  static Node node(String name, boolean ready, String zone) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels("zone", zone)
        .endMetadata()
        .withNewStatus()
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .endCondition()
        .endStatus()
        .build();
  }

  static Pod pod(Map<String, String> selector) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("p")
        .withNamespace("ns")
        .addToLabels("app", "x")
        .endMetadata()
        .withNewSpec()
        .withNodeSelector(selector)
        .addNewContainer()
        .withName("c")
        .addNewPort()
        .withName("web")
        .withContainerPort(8080)
        .endPort()
        .endContainer()
        .endSpec()
        .build();
  }

  @Test
  void fewestPodsFirstAmongReadyMatchingNodes() {
    List<Node> nodes =
        List.of(
            node("a", true, "z1"),
            node("b", true, "z1"),
            node("c", false, "z1"),
            node("d", true, "z2"));
    assertThat(Placement.choose(pod(null), nodes, Map.of("a", 2, "b", 1, "d", 1))).isEqualTo("b");
    assertThat(Placement.choose(pod(Map.of("zone", "z2")), nodes, Map.of("d", 9))).isEqualTo("d");
    assertThat(Placement.choose(pod(Map.of("zone", "z3")), nodes, Map.of())).isNull();
    // Ties go by name; a not-Ready node is never chosen even when empty.
    assertThat(Placement.choose(pod(null), nodes, Map.of("a", 1, "b", 1, "d", 1))).isEqualTo("a");
  }

  @Test
  void endpointsAreReadySelectedPodsOnTheirTargetPort() {
    Pod ready =
        new PodBuilder(pod(null))
            .withNewStatus()
            .withPodIP("10.1.0.5")
            .addNewCondition()
            .withType("Ready")
            .withStatus("True")
            .endCondition()
            .endStatus()
            .build();
    Pod notReady =
        new PodBuilder(pod(null))
            .editMetadata()
            .withName("q")
            .endMetadata()
            .withNewStatus()
            .withPodIP("10.1.0.6")
            .endStatus()
            .build();
    var svc =
        new ServiceBuilder()
            .withNewMetadata()
            .withName("s")
            .withNamespace("ns")
            .endMetadata()
            .withNewSpec()
            .withClusterIP("10.2.0.10")
            .withSelector(Map.of("app", "x"))
            .addNewPort()
            .withPort(80)
            .withTargetPort(new IntOrString("web"))
            .endPort()
            .addNewPort()
            .withPort(5201)
            .withTargetPort(new IntOrString(5201))
            .endPort()
            .addNewPort()
            .withPort(53)
            .withProtocol("UDP")
            .endPort()
            .endSpec()
            .build();
    assertThat(Endpoints.of(List.of(svc), List.of(ready, notReady)))
        .containsExactly(
            Map.entry("10.2.0.10:5201", List.of("10.1.0.5:5201")),
            Map.entry("10.2.0.10:80", List.of("10.1.0.5:8080")));
  }
}
