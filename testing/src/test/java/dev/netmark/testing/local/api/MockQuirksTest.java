package dev.netmark.testing.local.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mock's workarounds against the real mock server on loopback. */
class MockQuirksTest {
  private ApiServer api;
  private KubernetesClient kube;

  @BeforeEach
  void start() {
    api = ApiServer.start("127.0.0.1");
    kube = api.newClient();
  }

  @AfterEach
  void stop() {
    kube.close();
    api.close();
  }

  private Pod pod(String name) {
    return kube.resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("t")
                .addToLabels("netperf", "true")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("c")
                .withImage("i")
                .endContainer()
                .endSpec()
                .build())
        .create();
  }

  @Test
  void bindSetsNodeNameAndStatusWritesReachLabelledWatches() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    var watch =
        kube.pods()
            .inAnyNamespace()
            .withLabel("netperf", "true")
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, Pod p) {
                    seen.add(
                        action
                            + " "
                            + p.getSpec().getNodeName()
                            + " "
                            + (p.getStatus() == null ? null : p.getStatus().getPhase()));
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                });
    try {
      Pod p = pod("a");
      MockQuirks.bind(kube, p, "node1");
      MockQuirks.writeStatus(
          kube, p, new PodStatusBuilder().withPhase("Running").withPodIP("10.0.0.5").build());
      Pod got = kube.pods().inNamespace("t").withName("a").get();
      assertThat(got.getSpec().getNodeName()).isEqualTo("node1");
      assertThat(got.getStatus().getPodIP()).isEqualTo("10.0.0.5");
      assertThat(got.getSpec().getContainers()).hasSize(1);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (seen.size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(seen)
          .containsExactly("ADDED null null", "MODIFIED node1 null", "MODIFIED node1 Running");
    } finally {
      watch.close();
    }
  }

  @Test
  void boundToFiltersOnTheClient() {
    Pod p = pod("b");
    assertThat(MockQuirks.boundTo(p, "node1")).isFalse();
    MockQuirks.bind(kube, p, "node1");
    Pod got = kube.pods().inNamespace("t").withName("b").get();
    assertThat(MockQuirks.boundTo(got, "node1")).isTrue();
    assertThat(MockQuirks.boundTo(got, "node2")).isFalse();
  }

  @Test
  void deleteContentsRemovesPodsOfOneNamespaceOnly() {
    pod("c");
    kube.resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("d")
                .withNamespace("other")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("c")
                .withImage("i")
                .endContainer()
                .endSpec()
                .build())
        .create();
    MockQuirks.deleteContents(kube, "t");
    assertThat(kube.pods().inNamespace("t").list().getItems()).isEmpty();
    assertThat(kube.pods().inNamespace("other").list().getItems()).hasSize(1);
  }

  @Test
  void setClusterIpWritesSpec() {
    kube.resource(
            new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata()
                .withName("s")
                .withNamespace("t")
                .endMetadata()
                .withNewSpec()
                .addNewPort()
                .withPort(80)
                .endPort()
                .endSpec()
                .build())
        .create();
    MockQuirks.setClusterIp(kube, "t", "s", "10.0.0.10");
    assertThat(kube.services().inNamespace("t").withName("s").get().getSpec().getClusterIP())
        .isEqualTo("10.0.0.10");
  }
}
