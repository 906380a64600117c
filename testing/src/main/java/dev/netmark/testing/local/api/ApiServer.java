package dev.netmark.testing.local.api;

import dev.netmark.fixtures.MockApiServer;
import dev.netmark.fixtures.RequestTally;
import dev.netmark.testing.local.host.HostException;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local mode's API server: fabric8's mock server in CRUD mode (real HTTP, real watches), in this
 * JVM, bound to one address. Local mode binds it to the fabric's host address, which both this JVM
 * and the shims inside node namespaces reach. What it does differently from a real API server is
 * handled in {@link MockQuirks}.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final MockApiServer server;
  private final LocalDispatcher dispatcher;

  private ApiServer(MockApiServer server, LocalDispatcher dispatcher) {
    this.server = server;
    this.dispatcher = dispatcher;
  }

  /**
   * Starts a server on {@code address} at a free port.
   *
   * @throws HostException when it cannot listen there
   */
  public static ApiServer start(String address) {
    try {
      LocalDispatcher dispatcher = new LocalDispatcher();
      return new ApiServer(MockApiServer.start(address, dispatcher), dispatcher);
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

  /**
   * From now on, pods created without a node are stored on {@code binder}'s choice, bound in the
   * create's own write (the scheduler stand-in, see {@link BindAtCreate}).
   */
  public void bindAtCreate(BindAtCreate binder) {
    dispatcher.bindAtCreate(binder);
  }

  /** Every request this server answered so far, by verb and path. */
  public RequestTally requests() {
    return server.requests();
  }

  /** Stops the server; logs what it answered (DEBUG: one line, by verb and path). */
  @Override
  public void close() {
    LOG.debug("local API server answered {}", server.requests().summary());
    server.close();
  }
}
