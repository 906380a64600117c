package dev.netmark.testing.local.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.fixtures.RequestTally;
import dev.netmark.testing.local.api.ApiServer;
import dev.netmark.testing.local.api.MockQuirks;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API requests one pod's life costs in local mode, counted by the API server: the engine's
 * create (bound in the same write by the scheduler stand-in) and the kubelet stand-in's status
 * write when it runs. A regression of the count fails here.
 */
class PodRequestsTest {
  private ApiServer api;
  private KubernetesClient kube;
  private Scheduler scheduler;
  private final AtomicReference<List<Node>> nodes = new AtomicReference<>(List.of());

  @BeforeEach
  void start() {
    api = ApiServer.start("127.0.0.1");
    kube = api.newClient();
    scheduler = new Scheduler(kube, nodes::get);
    api.bindAtCreate(scheduler);
  }

  @AfterEach
  void stop() {
    scheduler.close();
    kube.close();
    api.close();
  }

  @Test
  void aPodCostsOneCreateAndOneStatusWrite() {
    nodes.set(List.of(node("n1"), node("n2")));
    api.requests().reset();

    Pod created = kube.resource(pod("p1")).create();
    MockQuirks.writeStatus(kube, created, new PodStatusBuilder().withPhase("Running").build());

    assertThat(created.getSpec().getNodeName()).isEqualTo("n1");
    assertThat(counts(api.requests()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "POST /api/v1/namespaces/{ns}/pods", 1L,
                "PATCH /api/v1/namespaces/{ns}/pods/{name}", 1L));
  }

  @Test
  void aPodNoNodeFitsAtCreateIsBoundLaterWithOnePatch() throws InterruptedException {
    Pod created = kube.resource(pod("p1")).create();
    assertThat(created.getSpec().getNodeName()).isNull();
    nodes.set(List.of(node("n1")));
    api.requests().reset();

    scheduler.onAdd(created);
    while (api.requests().requests("PATCH ") == 0) {
      Thread.sleep(10);
    }

    assertThat(counts(api.requests()))
        .containsExactlyEntriesOf(Map.of("PATCH /api/v1/namespaces/{ns}/pods/{name}", 1L));
    assertThat(kube.pods().inNamespace("ns").withName("p1").get().getSpec().getNodeName())
        .isEqualTo("n1");
  }

  @Test
  void aCreateThatFailsGivesItsPlaceBack() {
    nodes.set(List.of(node("n1"), node("n2")));
    assertThat(kube.resource(pod("a")).create().getSpec().getNodeName()).isEqualTo("n1");
    // The duplicate is placed on n2 first; kept counted there, it would send b to n1 (a tie).
    assertThatThrownBy(() -> kube.resource(pod("a")).create())
        .isInstanceOf(KubernetesClientException.class)
        .extracting(e -> ((KubernetesClientException) e).getCode())
        .isEqualTo(409);
    assertThat(kube.resource(pod("b")).create().getSpec().getNodeName()).isEqualTo("n2");
  }

  @Test
  void aPodCreatedWithANodeKeepsIt() {
    nodes.set(List.of(node("n1"), node("n2")));
    Pod p = new PodBuilder(pod("p1")).editSpec().withNodeName("n2").endSpec().build();
    assertThat(kube.resource(p).create().getSpec().getNodeName()).isEqualTo("n2");
  }

  private static Map<String, Long> counts(RequestTally tally) {
    return tally.snapshot().entrySet().stream()
        .collect(
            java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().requests()));
  }

  /** PlacementTest's pod (namespace ns, no node selector) named {@code name}. */
  private static Pod pod(String name) {
    return new PodBuilder(PlacementTest.pod(null))
        .editMetadata()
        .withName(name)
        .endMetadata()
        .build();
  }

  private static Node node(String name) {
    return PlacementTest.node(name, true, "z1");
  }
}
