package dev.netmark.testing.local.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.fixtures.MockApiServer;
import dev.netmark.testing.local.host.Cidr;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service stand-in's ClusterIP allocation when the informer's store lags behind its writes. */
class ServiceControllerTest {
  private MockApiServer api;
  private KubernetesClient kube;

  @BeforeEach
  void start() {
    api = MockApiServer.start();
    kube = api.client();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private Service create(String name) {
    return kube.services()
        .inNamespace("ns")
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("ns")
                .endMetadata()
                .withNewSpec()
                .addNewPort()
                .withPort(80)
                .endPort()
                .endSpec()
                .build())
        .create();
  }

  private String ip(String name) {
    return kube.services().inNamespace("ns").withName(name).get().getSpec().getClusterIP();
  }

  private void awaitIp(String name) throws InterruptedException {
    for (int i = 0; i < 200 && (ip(name) == null || ip(name).isEmpty()); i++) {
      Thread.sleep(25);
    }
  }

  @Test
  void aServiceKeepsItsFirstIpAndNoOtherGetsItWhileTheStoreShowsNeither() throws Exception {
    // The store the loop reads: what the informer had before any IP was written, and it stays so.
    AtomicReference<Collection<Service>> store = new AtomicReference<>(List.of());
    ServiceController controller =
        new ServiceController(
            kube, Cidr.parse("10.96.0.0/24"), store::get, services -> {}, new ServiceChanges());
    try {
      Service backend = create("backend");
      store.set(List.of(backend));
      controller.trigger().onAdd(backend);
      awaitIp("backend");
      String first = ip("backend");

      Service database = create("database");
      // Stale: backend still without its IP, and now listed after the new service.
      store.set(new ArrayList<>(List.of(database, backend)));
      controller.trigger().onAdd(database);
      awaitIp("database");
      Thread.sleep(200); // one more pass would have run by now

      assertThat(ip("backend")).isEqualTo(first);
      assertThat(ip("database")).isNotEmpty().isNotEqualTo(first);
    } finally {
      controller.close();
    }
  }
}
