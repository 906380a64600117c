package dev.netmark.shim.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEventCodec;
import dev.netmark.shim.records.PodRef;
import dev.netmark.shim.records.RecordLog;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real HTTP on loopback against the shim's endpoint. */
class ShimHttpServerTest {
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Records a pod's ADD, DEL and removal (seqs 0-2) and returns the metrics they updated. */
  private static ShimMetrics threeEvents(RecordLog log) {
    ShimMetrics metrics = new ShimMetrics();
    PodRecorder recorder = PodRecorder.open(log, metrics, "node-a");
    PodRef pod = new PodRef("ns", "p", "u1");
    recorder.added(pod, "10.1.0.5", 1, Duration.ofMillis(21), Duration.ofMillis(21));
    recorder.deleted(pod, "10.1.0.5", 1, Duration.ofMillis(40));
    recorder.removed(pod, "10.1.0.5", 1);
    return metrics;
  }

  @Test
  void servesMetricsRecordsAndHealth() throws Exception {
    AtomicReference<String> problem = new AtomicReference<>();
    AtomicReference<String> degraded = new AtomicReference<>();
    try (RecordLog log = RecordLog.open(dir)) {
      ShimMetrics metrics = threeEvents(log);
      try (ShimHttpServer server =
          ShimHttpServer.start(
              "127.0.0.1:0",
              metrics,
              log,
              new HealthChecks().failWhen(problem::get).degradedWhen(degraded::get),
              null)) {
        int port = server.port();
        HttpResponse<String> m = get(port, "/metrics");
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.body()).contains("netmark_cni_add_duration_seconds_sum 0.021");

        HttpResponse<String> all = get(port, "/records?cursor=0&limit=2");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body().lines().map(l -> PodEventCodec.fromJson(l).seq()).toList())
            .containsExactly(0L, 1L);
        assertThat(all.headers().firstValue(MetricNames.RECORDS_NEXT_CURSOR_HEADER)).hasValue("2");
        assertThat(all.headers().firstValue(MetricNames.RECORDS_MORE_HEADER)).hasValue("true");

        HttpResponse<String> rest = get(port, "/records?cursor=2");
        assertThat(rest.body().lines().toList()).hasSize(1);
        assertThat(rest.headers().firstValue(MetricNames.RECORDS_NEXT_CURSOR_HEADER)).hasValue("3");
        assertThat(rest.headers().firstValue(MetricNames.RECORDS_MORE_HEADER)).hasValue("false");

        HttpResponse<String> none = get(port, "/records?cursor=3");
        assertThat(none.body()).isEmpty();
        assertThat(none.headers().firstValue(MetricNames.RECORDS_NEXT_CURSOR_HEADER)).hasValue("3");

        HttpResponse<String> bad = get(port, "/records?cursor=x");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("cursor must be a non-negative integer, found 'x'");

        HttpResponse<String> ok = get(port, "/healthz");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("ok\n");
        degraded.set("probe targets: cannot read ConfigMap x");
        HttpResponse<String> partly = get(port, "/healthz");
        assertThat(partly.statusCode()).isEqualTo(200);
        assertThat(partly.body())
            .isEqualTo("degraded\ndegraded: probe targets: cannot read ConfigMap x\n");
        problem.set("upstream runtime unreachable");
        HttpResponse<String> sick = get(port, "/healthz");
        assertThat(sick.statusCode()).isEqualTo(503);
        assertThat(sick.body()).contains("upstream runtime unreachable");
      }
    }
  }

  @Test
  void fromEndAnswersWhereTheLogEndsWithoutReadingIt() throws Exception {
    try (RecordLog log = RecordLog.open(dir)) {
      ShimMetrics metrics = threeEvents(log);
      try (ShimHttpServer server =
          ShimHttpServer.start("127.0.0.1:0", metrics, log, new HealthChecks(), null)) {
        int port = server.port();
        HttpResponse<String> end = get(port, "/records?from=end");
        assertThat(end.statusCode()).isEqualTo(200);
        assertThat(end.body()).isEmpty();
        assertThat(end.headers().firstValue(MetricNames.RECORDS_NEXT_CURSOR_HEADER)).hasValue("3");
        assertThat(end.headers().firstValue(MetricNames.RECORDS_MORE_HEADER)).hasValue("false");
        assertThat(end.headers().firstValue(MetricNames.RECORDS_PROTOCOL_HEADER)).hasValue("2");
        assertThat(
                get(port, "/records?cursor=1").headers().firstValue("X-Netmark-Records-Protocol"))
            .hasValue("2");

        HttpResponse<String> start = get(port, "/records?from=start");
        assertThat(start.statusCode()).isEqualTo(400);
        assertThat(start.body()).isEqualTo("/records: from must be 'end', found 'start'\n");
        HttpResponse<String> both = get(port, "/records?from=end&cursor=1");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body())
            .isEqualTo("/records: give either cursor or from=end, not both (cursor=1)\n");
      }
    }
  }

  @Test
  void slowClientsNeitherBlockAScrapeNorStayConnected() throws Exception {
    List<Socket> stalled = new ArrayList<>();
    try (RecordLog log = RecordLog.open(dir);
        ShimHttpServer server =
            ShimHttpServer.start("127.0.0.1:0", new ShimMetrics(), log, new HealthChecks(), null)) {
      // More stalled requests than the old pool had threads: each sent half its headers.
      for (int i = 0; i < 4; i++) {
        Socket s = new Socket("127.0.0.1", server.port());
        s.getOutputStream()
            .write("GET /records HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        stalled.add(s);
      }
      // Before: two platform threads, both stuck reading those headers; the scrape waited forever.
      HttpResponse<String> m =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                  .timeout(Duration.ofSeconds(8))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(m.statusCode()).isEqualTo(200);

      // The server drops a request that is not complete in MAX_REQUEST_SECONDS.
      Socket first = stalled.getFirst();
      first.setSoTimeout((ShimHttpServer.MAX_REQUEST_SECONDS + 30) * 1000);
      int read;
      try {
        read = first.getInputStream().read();
      } catch (SocketException reset) {
        read = -1;
      }
      assertThat(read).isEqualTo(-1);
    } finally {
      for (Socket s : stalled) {
        s.close();
      }
    }
  }

  @Test
  void aTokenFileGuardsRecordsButNotMetrics() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "s3cret\n");
    try (RecordLog log = RecordLog.open(dir);
        ShimHttpServer server =
            ShimHttpServer.start(
                "127.0.0.1:0", new ShimMetrics(), log, new HealthChecks(), token)) {
      URI records = URI.create("http://127.0.0.1:" + server.port() + "/records");
      HttpResponse<String> none = get(server.port(), "/records");
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
      HttpResponse<String> wrong =
          http.send(
              HttpRequest.newBuilder(records).header("Authorization", "Bearer s3cre").build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(wrong.statusCode()).isEqualTo(401);
      HttpResponse<String> right =
          http.send(
              HttpRequest.newBuilder(records).header("Authorization", "Bearer s3cret").build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(right.statusCode()).isEqualTo(200);
      assertThat(get(server.port(), "/metrics").statusCode()).isEqualTo(200);
      Files.delete(token);
      assertThat(get(server.port(), "/records").statusCode()).isEqualTo(503);
    }
  }

  @Test
  void addressForms() {
    assertThat(HttpAddress.parse(":10260")).isEqualTo(new InetSocketAddress(10260));
    assertThat(HttpAddress.parse("127.0.0.1:9")).isEqualTo(new InetSocketAddress("127.0.0.1", 9));
    assertThat(HttpAddress.parse("[::1]:9").getAddress().getHostAddress())
        .isEqualTo("0:0:0:0:0:0:0:1");
    assertThatThrownBy(() -> HttpAddress.parse("10260")).hasMessageContaining("host:port or :port");
    assertThatThrownBy(() -> HttpAddress.parse(":http")).hasMessageContaining("found 'http'");
    assertThatThrownBy(() -> HttpAddress.parse(":70000")).hasMessageContaining("found 70000");
  }
}
