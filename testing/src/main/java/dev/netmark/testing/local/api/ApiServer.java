package dev.netmark.testing.local.api;

import dev.netmark.fixtures.MockApiServer;
import dev.netmark.testing.local.host.HostException;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Local mode's API server: fabric8's mock server in CRUD mode (real HTTP, real watches), in this
 * JVM, bound to one address. Local mode binds it to the fabric's host address, which both this JVM
 * and the shims inside node namespaces reach. What it does differently from a real API server is
 * handled in {@link MockQuirks}.
 */
public final class ApiServer implements AutoCloseable {
  private final MockApiServer server;

  private ApiServer(MockApiServer server) {
    this.server = server;
  }

  /**
   * Starts a server on {@code address} at a free port.
   *
   * @throws HostException when it cannot listen there
   */
  public static ApiServer start(String address) {
    try {
      return new ApiServer(MockApiServer.start(address, new LocalDispatcher()));
    } catch (IllegalStateException e) {
      throw new HostException("cannot start the local API server on " + address + ": " + e, e);
    }
  }

  /** A kubeconfig (YAML) for this server; it needs no credentials. */
  public String kubeconfig() {
    return server.kubeconfig();
  }

  /**
   * A new client; the caller closes it. Its request timeout (60 s) is generous because the mock
   * serves one request at a time and, rarely, drops a reply (docs/design.md, Known limits).
   */
  public KubernetesClient newClient() {
    return server.newClient();
  }

  @Override
  public void close() {
    server.close();
  }
}
