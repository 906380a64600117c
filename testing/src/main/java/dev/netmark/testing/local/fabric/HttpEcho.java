package dev.netmark.testing.local.fabric;

import com.sun.net.httpserver.HttpServer;
import dev.netmark.testing.local.host.Netns;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP server inside a network namespace: every GET answers 200 with one line, {@code
 * IDENTITY from CLIENT_IP}, so a client can tell which control pod answered through the service VIP
 * and with which source address its request arrived. In-process rather than a spawned server:
 * nothing to install, up in milliseconds, and it dies with the JVM. Its listening socket is opened
 * on a thread that entered the namespace, so it stays there.
 */
final class HttpEcho implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  private HttpEcho(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a server on {@code 0.0.0.0:port} of {@code netns} answering {@code identity}. */
  static HttpEcho start(String netns, int port, String identity) throws InterruptedException {
    HttpServer server =
        Netns.call(netns, () -> HttpServer.create(new InetSocketAddress(port), 128));
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            // The client's address tells a test whether masquerade or DNAT happened on the way.
            String from = exchange.getRemoteAddress().getAddress().getHostAddress();
            byte[] body = (identity + " from " + from + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          } catch (IOException e) {
            // The client went away mid-answer; probes retry, nothing to do here.
          }
        });
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.start();
    return new HttpEcho(server, executor);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }
}
