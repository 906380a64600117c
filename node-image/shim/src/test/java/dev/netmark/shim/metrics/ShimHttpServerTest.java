package dev.netmark.shim.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEventCodec;
import dev.netmark.shim.records.PodRef;
import dev.netmark.shim.records.RecordLog;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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

  @Test
  void servesMetricsRecordsAndHealth() throws Exception {
    AtomicReference<String> problem = new AtomicReference<>();
    AtomicReference<String> degraded = new AtomicReference<>();
    try (RecordLog log = RecordLog.open(dir)) {
      ShimMetrics metrics = new ShimMetrics();
      PodRecorder recorder = PodRecorder.open(log, metrics, "node-a");
      PodRef pod = new PodRef("ns", "p", "u1");
      recorder.added(pod, "10.1.0.5", 1, Duration.ofMillis(21), Duration.ofMillis(21));
      recorder.deleted(pod, "10.1.0.5", 1, Duration.ofMillis(40));
      recorder.removed(pod, "10.1.0.5", 1);
      try (ShimHttpServer server =
          ShimHttpServer.start(
              "127.0.0.1:0",
              metrics,
              log,
              new HealthChecks().failWhen(problem::get).degradedWhen(degraded::get))) {
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
