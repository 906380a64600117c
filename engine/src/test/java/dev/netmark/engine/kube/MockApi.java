package dev.netmark.engine.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/** fabric8's in-process API server in CRUD mode (real HTTP and watches) with a client. */
public final class MockApi implements AutoCloseable {
  // Strongly referenced: java.util.logging keeps loggers weakly, and a collected one loses OFF.
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(Level.OFF);
  }

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  /**
   * Changes what the CRUD server answers: gets the request and the CRUD answer (already applied).
   */
  @FunctionalInterface
  public interface Interceptor {
    MockResponse answer(RecordedRequest request, MockResponse crud);
  }

  public MockApi() {
    this((request, crud) -> crud);
  }

  public MockApi(Interceptor interceptor) {
    KubernetesCrudDispatcher crud =
        new KubernetesCrudDispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return interceptor.answer(request, super.dispatch(request));
          }
        };
    server =
        new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), crud, false);
    server.init();
    client = server.createClient();
  }

  public KubernetesClient client() {
    return client;
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
