package dev.netmark.engine.measurement;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's in-process API server in CRUD mode (real HTTP and watches), with a client and a
 * kubeconfig for it. What the mock lacks (status subresource, schedulers) tests play themselves.
 */
public final class MockApi implements AutoCloseable {
  // Held strongly: java.util.logging keeps loggers weakly and would forget the level.
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(Level.OFF);
  }

  /** Request timeout for clients of the mock, above its worst stall. */
  public static final int REQUEST_TIMEOUT_MS = 60_000;

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  private MockApi() {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(List.of()),
            false);
    server.init();
    // The mock's event loop can stall for up to 30 s after a watch closes: outwait it rather than
    // fail a request after the default 10 s.
    client =
        server.createClient(
            b -> b.editOrNewConfig().withRequestTimeout(REQUEST_TIMEOUT_MS).endConfig());
  }

  public static MockApi start() {
    return new MockApi();
  }

  public KubernetesClient client() {
    return client;
  }

  /** A kubeconfig (YAML) pointing at this server. */
  public String kubeconfig() {
    return """
    apiVersion: v1
    kind: Config
    clusters:
    - name: mock
      cluster:
        server: http://%s:%d
    users:
    - name: mock
      user:
        token: mock-token
    contexts:
    - name: mock
      context:
        cluster: mock
        user: mock
        namespace: default
    current-context: mock
    """
        .formatted(server.getHostName(), server.getPort());
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
