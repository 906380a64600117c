package dev.netmark.measurements.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.netmark.api.MetricSource;
import dev.netmark.api.MetricSource.Cursor;
import dev.netmark.contract.EventKind;
import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.PodEventCodec;
import dev.netmark.contract.RequestStats;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Fake shims on loopback serve pages of records and a scrape, speaking records protocol 2, 1 (no
 * {@code from=end}) or none (no cursor headers at all); one more node is down.
 */
class ScrapingMetricSourceTest {
  private static final int PAGE = 2;
  private static final String METRICS =
      "netmark_x_bucket{le=\"0.01\"} 2\nnetmark_x_bucket{le=\"+Inf\"} 5\n";
  private final List<HttpServer> servers = new ArrayList<>();
  private final Map<String, String> urls = new HashMap<>(Map.of("down", "http://127.0.0.1:1"));
  private final Map<String, List<String>> requests = new ConcurrentHashMap<>();

  @AfterEach
  void stopShims() {
    servers.forEach(s -> s.stop(0));
  }

  private MetricSource source() {
    // Generous: the first Jackson use on a busy 2-core machine can take seconds.
    Duration timeout = Duration.ofSeconds(30);
    ShimClient client = new DirectShimClient(HttpClient.newHttpClient(), urls, timeout);
    List<String> nodes = urls.keySet().stream().sorted().toList();
    return new ScrapingMetricSource(
        () -> new ScrapingMetricSource.Targets(nodes, client), new NodeScraper(2, timeout));
  }

  private static List<PodEvent> log(String node, int events) {
    List<PodEvent> log = new CopyOnWriteArrayList<>();
    for (int i = 0; i < events; i++) {
      log.add(event(i, node, "pod-" + i));
    }
    return log;
  }

  @ParameterizedTest(name = "protocol {0}")
  @CsvSource({"2", "1", "0"})
  void readsEveryPageOnceAndResumesFromTheCursor(int protocol) throws Exception {
    List<PodEvent> node1 = log("node1", 5);
    serve("node1", node1, protocol);
    serve("node2", log("node2", 1), protocol);
    MetricSource source = source();

    MetricSource.EventBatch first = source.events(Cursor.START);

    assertThat(first.events())
        .extracting(PodEvent::uid)
        .containsExactlyInAnyOrder(
            "node1/pod-0",
            "node1/pod-1",
            "node1/pod-2",
            "node1/pod-3",
            "node1/pod-4",
            "node2/pod-0");
    assertThat(first.next().nextSeqByNode()).isEqualTo(Map.of("node1", 5L, "node2", 1L));
    assertThat(first.coverage().nodesAsked()).isEqualTo(3);
    assertThat(first.coverage().failedNodes()).containsOnlyKeys("down");
    assertThat(first.caughtUp()).isTrue();
    // One node's events hold one copy of the strings they repeat, across pages.
    List<PodEvent> fromNode1 =
        first.events().stream().filter(e -> e.node().equals("node1")).toList();
    assertThat(fromNode1)
        .allSatisfy(e -> assertThat(e.node()).isSameAs(fromNode1.getFirst().node()));
    assertThat(fromNode1)
        .allSatisfy(e -> assertThat(e.namespace()).isSameAs(fromNode1.getFirst().namespace()));
    // With the cursor headers the page saying nothing more waits is the last request (3 pages
    // of 2, 2, 1 events); without them an empty page ends the read.
    int expected = protocol == 0 ? 4 : 3;
    assertThat(requests.get("node1")).hasSize(expected);

    node1.add(event(5, "node1", "pod-5"));
    MetricSource.EventBatch second = source.events(first.next());
    assertThat(second.events()).extracting(PodEvent::name).containsExactly("pod-5");
    assertThat(second.next().next("node1")).isEqualTo(6);
  }

  @ParameterizedTest(name = "protocol {0}: {1} requests")
  @CsvSource({"2, 1", "1, 3", "0, 4"})
  void theTailIsOneRequestAndOldShimsAreReadToTheirEnd(int protocol, int expectedRequests)
      throws Exception {
    serve("node1", log("node1", 5), protocol);

    MetricSource.EventBatch tail = source().tail();

    assertThat(tail.available()).isTrue();
    assertThat(tail.events()).isEmpty();
    assertThat(tail.next().nextSeqByNode()).isEqualTo(Map.of("node1", 5L));
    assertThat(tail.coverage().failedNodes()).containsOnlyKeys("down");
    assertThat(requests.get("node1")).hasSize(expectedRequests);
    if (protocol == 2) {
      assertThat(requests.get("node1")).containsExactly("from=end");
    } else {
      // An old shim answers from=end from seq 0; the rest follows in the largest pages.
      assertThat(requests.get("node1").getFirst()).isEqualTo("from=end");
      assertThat(requests.get("node1").get(1)).isEqualTo("cursor=2&limit=10000");
    }
  }

  @Test
  void aCursorHeaderThatIsNoNumberFailsThatNodeByName() throws Exception {
    HttpServer server = server("bad");
    server.createContext(
        "/records",
        exchange -> {
          exchange.getResponseHeaders().set(MetricNames.RECORDS_PROTOCOL_HEADER, "2");
          exchange.getResponseHeaders().set(MetricNames.RECORDS_NEXT_CURSOR_HEADER, "lots");
          respond(exchange, "");
        });
    serve("node1", log("node1", 1), 2);

    MetricSource.EventBatch tail = source().tail();

    assertThat(tail.next().nextSeqByNode()).isEqualTo(Map.of("node1", 1L));
    assertThat(tail.coverage().failedNodes().get("bad"))
        .isEqualTo(
            "IOException: the shim of bad answered X-Netmark-Next-Cursor: 'lots', not an integer"
                + " >= 0");
  }

  @Test
  void sumsHistogramsOverAnsweringNodes() throws Exception {
    serve("node1", List.of(), 2);
    serve("node2", List.of(), 2);

    MetricSource.Histogram h = source().histogram("netmark_x", Map.of());

    assertThat(h.cumulativeCounts()).containsExactly(4, 10);
    assertThat(h.coverage().failedNodes()).containsOnlyKeys("down");
  }

  @Test
  void everyFieldOfAnEventSurvivesTheRead() throws Exception {
    RequestStats second =
        new RequestStats(
            "frontend->backend",
            "http",
            RequestStats.VIA_SERVICE,
            2_000,
            10,
            List.of(1.5, 2.5),
            9,
            Map.of("reset", 1),
            Map.of("10.96.0.10", 1));
    PodEvent requests =
        new PodEvent(
            0,
            EventKind.REQUESTS,
            "node1",
            "ns",
            "frontend-0",
            "uid-f",
            "10.0.0.2",
            1,
            2_500,
            Map.of(),
            null,
            Map.of("bits_per_second", 1e6),
            second);
    serve("node1", new CopyOnWriteArrayList<>(List.of(requests)), 2);

    List<PodEvent> read = source().events(Cursor.START).events();

    assertThat(read).containsExactly(requests);
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

  private HttpServer server(String node) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/metrics", exchange -> respond(exchange, METRICS));
    server.start();
    servers.add(server);
    urls.put(node, "http://127.0.0.1:" + server.getAddress().getPort());
    return server;
  }

  /**
   * Serves /records in pages of PAGE events as a shim of the given records protocol does: 2 knows
   * from=end; 1 ignores it (answers from 0) and sends the cursor headers; 0 sends no headers.
   */
  private void serve(String node, List<PodEvent> log, int protocol) throws IOException {
    HttpServer server = server(node);
    requests.put(node, new CopyOnWriteArrayList<>());
    server.createContext(
        "/records",
        exchange -> {
          String query = exchange.getRequestURI().getQuery();
          requests.get(node).add(query);
          Map<String, String> params = new HashMap<>();
          for (String pair : query.split("&")) {
            params.put(pair.split("=")[0], pair.split("=")[1]);
          }
          var headers = exchange.getResponseHeaders();
          if (protocol == 2 && "end".equals(params.get("from"))) {
            headers.set(MetricNames.RECORDS_PROTOCOL_HEADER, "2");
            headers.set(MetricNames.RECORDS_NEXT_CURSOR_HEADER, Integer.toString(log.size()));
            headers.set(MetricNames.RECORDS_MORE_HEADER, "false");
            respond(exchange, "");
            return;
          }
          long cursor = Long.parseLong(params.getOrDefault("cursor", "0"));
          List<PodEvent> page = log.stream().filter(e -> e.seq() >= cursor).limit(PAGE).toList();
          long next = page.isEmpty() ? cursor : page.getLast().seq() + 1;
          if (protocol >= 1) {
            headers.set(MetricNames.RECORDS_NEXT_CURSOR_HEADER, Long.toString(next));
            headers.set(MetricNames.RECORDS_MORE_HEADER, Boolean.toString(next < log.size()));
          }
          if (protocol == 2) {
            headers.set(MetricNames.RECORDS_PROTOCOL_HEADER, "2");
          }
          respond(
              exchange,
              page.stream().map(e -> PodEventCodec.toJson(e) + "\n").collect(Collectors.joining()));
        });
  }

  private static void respond(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
