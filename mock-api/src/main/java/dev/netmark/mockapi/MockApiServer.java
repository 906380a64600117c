package dev.netmark.mockapi;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's in-process API server in CRUD mode (real HTTP, real watches) with the repairs of {@link
 * RepairedCrudDispatcher}, one shared client and a kubeconfig. Local mode and every test that needs
 * an API server use this one class.
 */
public final class MockApiServer implements AutoCloseable {
  // Strongly referenced: java.util.logging keeps loggers weakly, and a collected one loses OFF.
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(Level.OFF);
  }

  /**
   * Request timeout of the clients made here: generous, because the mock serves one request at a
   * time and a burst of watches can hold a request for seconds.
   */
  public static final int REQUEST_TIMEOUT_MS = 60_000;

  /** Changes an answer: gets the request and the CRUD answer, which applies it when called. */
  @FunctionalInterface
  public interface Interceptor {
    MockResponse answer(RecordedRequest request, Supplier<MockResponse> crud);
  }

  private final KubernetesMockServer server;
  private final String kubeconfig;
  private final KubernetesClient client;

  private MockApiServer(KubernetesMockServer server, String url) {
    this.server = server;
    this.kubeconfig = Kubeconfig.render(url, "netmark-mock");
    this.client = newClient();
  }

  /** A CRUD server on loopback at a free port. */
  public static MockApiServer start() {
    return start("127.0.0.1", new RepairedCrudDispatcher());
  }

  /** A CRUD server on loopback whose answers {@code interceptor} may replace. */
  public static MockApiServer start(Interceptor interceptor) {
    return start(
        "127.0.0.1",
        new RepairedCrudDispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return interceptor.answer(request, () -> super.dispatch(request));
          }
        });
  }

  /**
   * A server with {@code dispatcher} on {@code address} at a free port.
   *
   * @throws IllegalStateException when it cannot listen there
   */
  public static MockApiServer start(String address, RepairedCrudDispatcher dispatcher) {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    try {
      server.init(InetAddress.getByName(address), 0);
    } catch (UnknownHostException | RuntimeException e) {
      throw new IllegalStateException("cannot start a mock API server on " + address + ": " + e, e);
    }
    return new MockApiServer(server, "http://" + address + ":" + server.getPort());
  }

  /** A kubeconfig (YAML) for this server; it needs no credentials. */
  public String kubeconfig() {
    return kubeconfig;
  }

  /** The client this server closes. */
  public KubernetesClient client() {
    return client;
  }

  /** A new client; the caller closes it. */
  public KubernetesClient newClient() {
    Config config = Config.fromKubeconfig(kubeconfig);
    config.setRequestTimeout(REQUEST_TIMEOUT_MS);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
