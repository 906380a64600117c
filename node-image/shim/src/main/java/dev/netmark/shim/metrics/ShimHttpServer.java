package dev.netmark.shim.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.netmark.contract.MetricNames;
import dev.netmark.shim.records.RecordLog;
import dev.netmark.shim.records.RecordsHttpHandler;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The shim's HTTP endpoint: {@code /metrics} (Prometheus text format, or whatever the scraper
 * negotiates), {@code /records} (see {@link RecordsHttpHandler} for the protocol) and {@code
 * /healthz} ({@code 200 ok}; {@code 200 degraded} followed by one {@code degraded: ...} line per
 * degradation; or {@code 503} with the reason the {@link HealthChecks} give).
 *
 * <p>Every request runs on a virtual thread of its own, so a slow or stalled client never holds up
 * a scrape, and the JDK server drops a connection that takes more than {@value
 * #MAX_REQUEST_SECONDS} s to send its request or more than {@value #MAX_RESPONSE_SECONDS} s to take
 * its response (docs/design.md, "Faults").
 */
public final class ShimHttpServer implements AutoCloseable {
  static final int MAX_REQUEST_SECONDS = 10;
  static final int MAX_RESPONSE_SECONDS = 60;

  static {
    // Read once, when the JDK's server class first loads; a -D on the command line wins.
    limit("sun.net.httpserver.maxReqTime", MAX_REQUEST_SECONDS);
    limit("sun.net.httpserver.maxRspTime", MAX_RESPONSE_SECONDS);
  }

  private final HttpServer server;
  private final ExecutorService executor;

  private ShimHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds and starts the server.
   *
   * @param address {@code host:port} or {@code :port} (all interfaces); port 0 picks a free one
   * @param health what {@code /healthz} reports
   * @param recordsToken a file holding the bearer token {@code /records} requires, or null for none
   * @throws IllegalArgumentException when the address is malformed
   * @throws UncheckedIOException naming the address when it cannot be bound
   */
  public static ShimHttpServer start(
      String address,
      ShimMetrics metrics,
      RecordLog records,
      HealthChecks health,
      Path recordsToken) {
    InetSocketAddress bind = HttpAddress.parse(address);
    HttpServer server;
    try {
      server = HttpServer.create(bind, 64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on --metrics-addr " + address, e);
    }
    server.createContext(MetricNames.PATH_METRICS, new MetricsHandler(metrics.registry()));
    server.createContext(MetricNames.PATH_RECORDS, new RecordsHttpHandler(records, recordsToken));
    server.createContext(MetricNames.PATH_HEALTHZ, exchange -> healthz(exchange, health));
    ExecutorService executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("shim-http-", 0).factory());
    server.setExecutor(executor);
    server.start();
    return new ShimHttpServer(server, executor);
  }

  private static void limit(String property, int seconds) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, Integer.toString(seconds));
    }
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void healthz(HttpExchange exchange, HealthChecks health) throws IOException {
    try (exchange) {
      String problem = health.failure();
      List<String> degraded = health.degradations();
      StringBuilder text = new StringBuilder();
      if (problem != null) {
        text.append(problem).append('\n');
      } else if (degraded.isEmpty()) {
        text.append("ok\n");
      } else {
        text.append("degraded\n");
        degraded.forEach(d -> text.append("degraded: ").append(d).append('\n'));
      }
      byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(problem == null ? 200 : 503, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
