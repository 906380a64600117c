package dev.netmark.shim.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.RequestStats;
import dev.netmark.shim.records.PodRef;
import dev.netmark.shim.records.RecordLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppRecordsTest {
  private static final PodRef CLIENT = new PodRef("shop", "web-0", "uid-web");
  private static final PodRef SERVER = new PodRef("shop", "api-0", "uid-api");
  private static final InstantSource CLOCK = InstantSource.fixed(Instant.ofEpochMilli(5_000));
  private static final RequestStats SECOND =
      new RequestStats(
          "web->api",
          "http",
          "service",
          4_000,
          4,
          List.of(2.0, 30.0),
          2,
          Map.of("refused", 1, "timeout", 1),
          Map.of("10.96.0.20", 2));

  @TempDir Path dir;

  @Test
  void requestsAndServiceReadyAreRecordsAndMetrics() throws Exception {
    try (RecordLog log = RecordLog.open(dir)) {
      ShimMetrics metrics = new ShimMetrics();
      PodRecorder r = PodRecorder.open(log, metrics, "node-a", CLOCK);
      var requests = r.requests(CLIENT, "10.0.1.5", 1, SECOND);
      var ready = r.serviceReady(SERVER, "10.0.1.7", 1, "api", Duration.ofMillis(250));
      assertThat(requests.kind()).isEqualTo(EventKind.REQUESTS);
      assertThat(requests.requests()).isEqualTo(SECOND);
      assertThat(ready.seconds()).isEqualTo(Map.of("service_ready", 0.25));
      String text = PodRecorderTest.scrape(metrics);
      assertThat(text)
          .contains("netmark_app_requests_total{edge=\"web->api\",result=\"ok\"} 2.0")
          .contains("netmark_app_requests_total{edge=\"web->api\",result=\"refused\"} 1.0")
          .contains("netmark_app_requests_total{edge=\"web->api\",result=\"timeout\"} 1.0")
          .contains("netmark_app_request_duration_seconds_bucket{edge=\"web->api\",le=\"0.002\"} 1")
          .contains("netmark_app_request_duration_seconds_count{edge=\"web->api\"} 2")
          .contains("netmark_app_service_ready_duration_seconds_count{tier=\"api\"} 1");
      List<dev.netmark.contract.PodEvent> read = new ArrayList<>();
      log.replay(read::add);
      assertThat(read.get(0).requests()).isEqualTo(SECOND);
    }
    try (RecordLog log = RecordLog.open(dir)) {
      ShimMetrics metrics = new ShimMetrics();
      PodRecorder.open(log, metrics, "node-a", CLOCK);
      // replayed after a restart: counters go on; the record does not carry the tier
      assertThat(PodRecorderTest.scrape(metrics))
          .contains("netmark_app_requests_total{edge=\"web->api\",result=\"ok\"} 2.0")
          .contains("netmark_app_service_ready_duration_seconds_count{tier=\"unknown\"} 1");
    }
  }
}
