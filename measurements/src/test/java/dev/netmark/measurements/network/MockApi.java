package dev.netmark.measurements.network;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Instant;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/** fabric8's in-process API server in CRUD mode with a client, and a way to add pods. */
final class MockApi implements AutoCloseable {
  // Strongly referenced: java.util.logging keeps loggers weakly, and a collected one loses OFF.
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(Level.OFF);
  }

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  MockApi() {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init();
    client = server.createClient();
  }

  KubernetesClient client() {
    return client;
  }

  /**
   * Creates a netperf pod with a {@code group} label; uid and createdMs are replaced by the mock.
   */
  Pod pod(String namespace, String name, String uid, long createdMs, String group) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .withUid(uid)
            .withCreationTimestamp(Instant.ofEpochMilli(createdMs).toString())
            .addToLabels("netperf", "true")
            .addToLabels("group", group)
            .endMetadata()
            .build();
    // The mock, like a real API server, assigns its own uid and creationTimestamp.
    return client.resource(pod).create();
  }

  @Override
  public void close() {
    client.close();
    try {
      server.destroy();
    } catch (IllegalStateException e) {
      // "Unable to close MockWebServer": the mock's shutdown waits for a WebSocket watch the
      // client has closed and sometimes times out on it (local mode's API server has a repair for
      // this quirk). The test has asserted what it wanted by now; the port dies with the JVM.
    }
  }
}
