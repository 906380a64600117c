package dev.netmark.testing.local.api;

import dev.netmark.testing.local.host.HostException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Local mode's API server: fabric8's mock server in CRUD mode (real HTTP, real watches), in this
 * JVM, bound to one address. Local mode binds it to the fabric's host address, which both this JVM
 * and the shims inside node namespaces reach. What it does differently from a real API server is
 * handled in {@link MockQuirks}.
 */
public final class ApiServer implements AutoCloseable {
  // Strongly referenced: java.util.logging keeps loggers weakly, and a collected one loses OFF.
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(Level.OFF);
  }

  static final int REQUEST_TIMEOUT_MS = 60_000;

  private final KubernetesMockServer server;
  private final String kubeconfig;

  private ApiServer(KubernetesMockServer server, String kubeconfig) {
    this.server = server;
    this.kubeconfig = kubeconfig;
  }

  /**
   * Starts a server on {@code address} at a free port.
   *
   * @throws HostException when it cannot listen there
   */
  public static ApiServer start(String address) {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), new LocalDispatcher(), false);
    try {
      server.init(InetAddress.getByName(address), 0);
    } catch (UnknownHostException | RuntimeException e) {
      throw new HostException("cannot start the local API server on " + address + ": " + e, e);
    }
    String url = "http://" + address + ":" + server.getPort();
    return new ApiServer(server, Kubeconfig.render(url, "netmark-local"));
  }

  /** A kubeconfig (YAML) for this server; it needs no credentials. */
  public String kubeconfig() {
    return kubeconfig;
  }

  /**
   * A new client; the caller closes it. Its request timeout (60 s) is generous because the mock
   * serves one request at a time and, rarely, drops a reply (docs/design.md, Known limits).
   */
  public KubernetesClient newClient() {
    Config config = Config.fromKubeconfig(kubeconfig);
    config.setRequestTimeout(REQUEST_TIMEOUT_MS);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  @Override
  public void close() {
    server.destroy();
  }
}
