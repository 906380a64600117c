package dev.netmark.measurements.source.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Serves recorded {@code /api/v1/query} responses on loopback, keyed by the exact query; a query
 * with several replies gets them in turn, the last one repeated. An unexpected query gets
 * Prometheus's own 400 answer naming it, so a test sees which query it did not expect.
 */
final class RecordedPrometheus implements AutoCloseable {
  private record Reply(int status, String body) {}

  private final HttpServer server;
  private final Map<String, Deque<Reply>> replies = new ConcurrentHashMap<>();
  final List<String> queries = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();

  RecordedPrometheus() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/prom/api/v1/query", this::answer);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/prom";
  }

  RecordedPrometheus reply(String query, int status, String... files) {
    Deque<Reply> queue = replies.computeIfAbsent(query, q -> new ArrayDeque<>());
    for (String f : files) {
      queue.add(new Reply(status, resource(f)));
    }
    return this;
  }

  RecordedPrometheus reply(String query, String... files) {
    return reply(query, 200, files);
  }

  private void answer(HttpExchange ex) throws IOException {
    String raw = URI.create(ex.getRequestURI().toString()).getRawQuery();
    String query = URLDecoder.decode(raw.substring("query=".length()), StandardCharsets.UTF_8);
    queries.add(query);
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    authorizations.add(auth == null ? "" : auth);
    Deque<Reply> queue = replies.get(query);
    Reply r;
    if (queue == null) {
      r =
          new Reply(
              400,
              "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"unexpected "
                  + query.replace("\"", "\\\"")
                  + "\"}");
    } else {
      synchronized (queue) {
        r = queue.size() > 1 ? queue.poll() : queue.peek();
      }
    }
    byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(r.status(), body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  private static String resource(String file) {
    try (InputStream in = RecordedPrometheus.class.getResourceAsStream("/PrometheusApi/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource PrometheusApi/" + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
