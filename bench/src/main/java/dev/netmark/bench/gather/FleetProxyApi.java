package dev.netmark.bench.gather;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.netmark.fixtures.Kubeconfig;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake API server for the {@code proxy} source: it lists the fleet's nodes and answers {@code
 * /api/v1/nodes/NAME:PORT/proxy/PATH} from the same shims, concurrently, as kube-apiserver's node
 * proxy does (a refused connection becomes 503). Local mode's API server serves one request at a
 * time, which would measure the mock, not the engine.
 */
final class FleetProxyApi implements AutoCloseable {
  private static final Pattern PROXY =
      Pattern.compile("/api/v1/nodes/(node-\\d{5}):(\\d{1,5})/proxy(/[^?]*)");

  private final HttpServer server;
  private final byte[] nodeList;
  private final FleetShims shims;
  private final int shimPort;

  FleetProxyApi(NodeList nodes, FleetShims shims, int shimPort) throws IOException {
    this.nodeList = new KubernetesSerialization().asJson(nodes).getBytes(StandardCharsets.UTF_8);
    this.shims = shims;
    this.shimPort = shimPort;
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  /** A kubeconfig for this server. */
  String kubeconfig() {
    return Kubeconfig.render("http://127.0.0.1:" + server.getAddress().getPort(), "fleet-proxy");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/api/v1/nodes")) {
        send(exchange, 200, Map.of("Content-Type", "application/json"), nodeList);
        return;
      }
      Matcher m = PROXY.matcher(path);
      if (!m.matches()) {
        send(exchange, 404, Map.of(), new byte[0]);
        return;
      }
      FleetNode node = new FleetNode(Integer.parseInt(m.group(1).substring(5)));
      int port = node.fault() == FleetNode.Fault.REFUSE ? shimPort + 1 : shimPort;
      if (node.index() >= shims.nodes() || Integer.parseInt(m.group(2)) != port) {
        send(exchange, 404, Map.of(), new byte[0]);
        return;
      }
      if (node.fault() == FleetNode.Fault.REFUSE) {
        String status =
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":503,"
                + "\"message\":\"error trying to reach service: dial tcp "
                + node.address()
                + ":"
                + port
                + ": connect: connection refused\"}";
        send(exchange, 503, Map.of(), status.getBytes(StandardCharsets.UTF_8));
        return;
      }
      FleetShims.Reply reply =
          shims.answer(node, m.group(3), exchange.getRequestURI().getRawQuery());
      send(exchange, reply.status(), reply.headers(), reply.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
      throws IOException {
    headers.forEach(exchange.getResponseHeaders()::set);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
