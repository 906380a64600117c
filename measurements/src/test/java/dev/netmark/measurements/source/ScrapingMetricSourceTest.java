package dev.netmark.measurements.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.netmark.api.MetricSource;
import dev.netmark.api.MetricSource.Cursor;
import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.PodEventCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two fake shims on loopback serve pages of records and a scrape; a third node is down. */
class ScrapingMetricSourceTest {
  private static final int PAGE = 2;
  private final List<HttpServer> servers = new ArrayList<>();
  private final List<PodEvent> node1Log = new ArrayList<>();
  private MetricSource source;

  @BeforeEach
  void startShims() throws IOException {
    for (int i = 0; i < 5; i++) {
      node1Log.add(event(i, "node1", "pod-" + i));
    }
    String url1 =
        serve(node1Log, "netmark_x_bucket{le=\"0.01\"} 2\nnetmark_x_bucket{le=\"+Inf\"} 5\n");
    String url2 =
        serve(
            List.of(event(0, "node2", "pod-a")),
            "netmark_x_bucket{le=\"0.01\"} 1\nnetmark_x_bucket{le=\"+Inf\"} 1\n");
    // Generous: the first Jackson use on a busy 2-core machine can take seconds.
    Duration timeout = Duration.ofSeconds(30);
    Map<String, String> urls = Map.of("node1", url1, "node2", url2, "node3", "http://127.0.0.1:1");
    ShimClient client = new DirectShimClient(HttpClient.newHttpClient(), urls, timeout);
    source =
        new ScrapingMetricSource(
            () -> new ScrapingMetricSource.Targets(List.of("node1", "node2", "node3"), client),
            new NodeScraper(2, timeout));
  }

  @AfterEach
  void stopShims() {
    servers.forEach(s -> s.stop(0));
  }

  @Test
  void readsEveryPageOnceAndResumesFromTheCursor() throws InterruptedException {
    MetricSource.EventBatch first = source.events(Cursor.START);
    assertThat(first.coverage().failedNodes()).containsOnlyKeys("node3");

    assertThat(first.events())
        .extracting(PodEvent::name)
        .containsExactlyInAnyOrder("pod-0", "pod-1", "pod-2", "pod-3", "pod-4", "pod-a");
    assertThat(first.next().next("node1")).isEqualTo(5);
    assertThat(first.next().next("node2")).isEqualTo(1);
    assertThat(first.coverage().nodesAsked()).isEqualTo(3);
    assertThat(first.coverage().nodesAnswered()).isEqualTo(2);
    assertThat(first.coverage().failedNodes()).containsOnlyKeys("node3");

    node1Log.add(event(5, "node1", "pod-5"));
    MetricSource.EventBatch second = source.events(first.next());
    assertThat(second.events()).extracting(PodEvent::name).containsExactly("pod-5");
    assertThat(second.next().next("node1")).isEqualTo(6);
  }

  @Test
  void sumsHistogramsOverAnsweringNodes() throws InterruptedException {
    MetricSource.Histogram h = source.histogram("netmark_x", Map.of());

    assertThat(h.cumulativeCounts()).containsExactly(3, 6);
    assertThat(h.coverage().failedNodes()).containsOnlyKeys("node3");
  }

  private static PodEvent event(long seq, String node, String name) {
    return new PodEvent(
        seq,
        EventKind.NETWORK_READY,
        node,
        "ns",
        name,
        node + "/" + name,
        "10.0.0.1",
        1,
        1_000 + seq,
        Map.of("network_ready", 0.05),
        null,
        Map.of());
  }

  /** Serves /records?cursor=N in pages of PAGE events, as a shim does, and a fixed /metrics. */
  private String serve(List<PodEvent> log, String metrics) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/records",
        exchange -> {
          long cursor = Long.parseLong(exchange.getRequestURI().getQuery().split("=")[1]);
          String body =
              log.stream()
                  .filter(e -> e.seq() >= cursor)
                  .limit(PAGE)
                  .map(e -> PodEventCodec.toJson(e) + "\n")
                  .collect(Collectors.joining());
          respond(exchange, body);
        });
    server.createContext("/metrics", exchange -> respond(exchange, metrics));
    server.start();
    servers.add(server);
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
