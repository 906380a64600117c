package dev.netmark.shim.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.PodEventCodec;
import dev.netmark.shim.records.PodRef;
import dev.netmark.shim.records.RecordLog;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodRecorderTest {
  private static final PodRef POD = new PodRef("load-1", "netperf-0", "uid-0");
  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.ofEpochMilli(1_700_000_000_123L));

  @TempDir Path dir;

  static String scrape(ShimMetrics metrics) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everySeriesExistsBeforeAnyPodWithTheSharedBuckets() throws Exception {
    try (RecordLog log = RecordLog.open(dir)) {
      ShimMetrics metrics = new ShimMetrics();
      PodRecorder.open(log, metrics, "node-a", CLOCK);
      String text = scrape(metrics);
      for (String histogram :
          List.of(
              MetricNames.CNI_ADD_SECONDS,
              MetricNames.CNI_ADD_TOTAL_SECONDS,
              MetricNames.NETWORK_READY_SECONDS,
              MetricNames.CNI_DEL_SECONDS)) {
        assertThat(text).contains("# TYPE " + histogram + " histogram");
        long buckets = text.lines().filter(l -> l.startsWith(histogram + "_bucket{")).count();
        assertThat(buckets).as(histogram + " buckets").isEqualTo(35);
        assertThat(text)
            .contains(histogram + "_bucket{le=\"0.001\"} 0")
            .contains(histogram + "_bucket{le=\"0.015\"} 0")
            .contains(histogram + "_bucket{le=\"120.0\"} 0")
            .contains(histogram + "_bucket{le=\"+Inf\"} 0");
      }
      for (String target : MetricNames.PROBE_TARGETS) {
        assertThat(text)
            .contains("netmark_probe_duration_seconds_count{target=\"" + target + "\"} 0");
      }
      assertThat(text)
          .contains("netmark_cni_add_attempts_total{result=\"success\"} 0.0")
          .contains("netmark_cni_add_attempts_total{result=\"failure\"} 0.0")
          .contains("netmark_pods_network_ready_total 0.0")
          .contains("netmark_netperf_pods{state=\"probing\"} 0.0")
          .contains("netmark_traffic_runs_total{result=\"success\"} 0.0")
          .contains("netmark_traffic_bits_per_second_bucket{le=\"1.0E10\"} 0")
          .doesNotContain("native");
      assertThat(Arrays.stream(MetricNames.BUCKETS_SECONDS).max().orElseThrow()).isEqualTo(120.0);
    }
  }

  @Test
  void anEventShowsUpInRecordsAndMetricsWithTheSameValue() throws Exception {
    try (RecordLog log = RecordLog.open(dir)) {
      ShimMetrics metrics = new ShimMetrics();
      PodRecorder recorder = PodRecorder.open(log, metrics, "node-a", CLOCK);
      recorder.addFailed(POD, 1, "bridge: boom");
      PodEvent add =
          recorder.added(POD, "10.1.0.5", 2, Duration.ofMillis(34), Duration.ofMillis(1250));
      PodEvent probe =
          recorder.probeSucceeded(
              POD,
              "10.1.0.5",
              2,
              "same_node",
              new ProbeTimes(
                  Duration.ofNanos(2_100_000),
                  Duration.ofNanos(2_300_000),
                  Duration.ofMillis(9),
                  Duration.ofNanos(1_100_000),
                  2,
                  Duration.ofNanos(400_000)));
      String text = scrape(metrics);
      // The class is dated by the send time; arrival, read and the attempt that dates it are kept
      // beside it, not in metrics.
      assertThat(probe.seconds())
          .isEqualTo(
              Map.of(
                  "probe_same_node", 0.0021,
                  "probe_same_node_arrival", 0.0023,
                  "probe_same_node_read", 0.009,
                  "probe_same_node_first", 0.0011,
                  "probe_same_node_unanswered", 2.0,
                  "probe_same_node_late", 0.0004));

      PodEvent stored = PodEventCodec.fromJson(log.read(add.seq(), 1).lines().get(0));
      assertThat(stored.kind()).isEqualTo(EventKind.ADD);
      assertThat(stored.node()).isEqualTo("node-a");
      assertThat(stored.wallMs()).isEqualTo(1_700_000_000_123L);
      assertThat(stored.seconds()).isEqualTo(Map.of("cni_add", 0.034, "cni_add_total", 1.25));
      assertThat(text)
          .contains("netmark_cni_add_duration_seconds_sum 0.034")
          .contains("netmark_cni_add_duration_seconds_bucket{le=\"0.03\"} 0")
          .contains("netmark_cni_add_duration_seconds_bucket{le=\"0.04\"} 1")
          .contains("netmark_cni_add_total_duration_seconds_sum 1.25")
          .contains("netmark_cni_add_total_duration_seconds_bucket{le=\"1.0\"} 0")
          .contains("netmark_cni_add_total_duration_seconds_bucket{le=\"1.5\"} 1")
          .contains("netmark_probe_duration_seconds_sum{target=\"same_node\"} 0.0021")
          .contains("netmark_cni_add_attempts_total{result=\"failure\"} 1.0")
          .contains("netmark_cni_add_attempts_total{result=\"success\"} 1.0")
          .contains("netmark_netperf_pods{state=\"probing\"} 1.0")
          .contains("netmark_netperf_pods{state=\"add_failed\"} 0.0");
    }
  }

  @Test
  void podStatesFollowTheLifecycleAndFailuresAreCountedByClass() throws Exception {
    try (RecordLog log = RecordLog.open(dir)) {
      ShimMetrics metrics = new ShimMetrics();
      PodRecorder r = PodRecorder.open(log, metrics, "node-a", CLOCK);
      PodRef other = new PodRef("load-1", "netperf-1", "uid-1");
      r.added(POD, "10.1.0.5", 1, Duration.ofMillis(30), Duration.ofMillis(30));
      r.added(other, "10.1.0.6", 1, Duration.ofMillis(30), Duration.ofMillis(30));
      r.networkReady(POD, "10.1.0.5", 1, Duration.ofMillis(45), Duration.ofMillis(2));
      r.probeFailed(other, "10.1.0.6", 1, "external", "ping 1.2.3.4 did not succeed", null);
      r.traffic(
          POD,
          "10.1.0.5",
          1,
          Map.of("exit_code", 0.0, "bits_per_second", 8.0e9, "retransmits", 3.0),
          null);
      String mid = scrape(metrics);
      assertThat(mid)
          .contains("netmark_netperf_pods{state=\"ready\"} 1.0")
          .contains("netmark_netperf_pods{state=\"unready\"} 1.0")
          .contains("netmark_netperf_pods{state=\"probing\"} 0.0")
          .contains("netmark_network_ready_duration_seconds_sum 0.045")
          .contains("netmark_probe_wait_duration_seconds_sum 0.002")
          .contains("netmark_pods_network_ready_total 1.0")
          .contains("netmark_probe_failures_total{target=\"external\"} 1.0")
          .contains("netmark_traffic_runs_total{result=\"success\"} 1.0")
          .contains("netmark_traffic_bits_per_second_bucket{le=\"5.0E9\"} 0")
          .contains("netmark_traffic_bits_per_second_bucket{le=\"1.0E10\"} 1")
          .contains("netmark_traffic_retransmits_total 3.0");
      r.deleted(POD, "10.1.0.5", 1, Duration.ofMillis(47));
      r.delFailed(other, "10.1.0.6", 1, "bridge: gone");
      assertThat(scrape(metrics))
          .contains("netmark_netperf_pods{state=\"stopped\"} 2.0")
          .contains("netmark_cni_del_duration_seconds_sum 0.047")
          .contains("netmark_cni_del_failures_total 1.0");
      r.removed(POD, "10.1.0.5", 1);
      r.removed(other, "10.1.0.6", 1);
      assertThat(scrape(metrics)).contains("netmark_netperf_pods{state=\"stopped\"} 0.0");
    }
  }

  @Test
  void aRestartRebuildsTheSameMetricsFromTheLog() throws Exception {
    String before;
    try (RecordLog log = RecordLog.open(dir)) {
      ShimMetrics metrics = new ShimMetrics();
      PodRecorder r = PodRecorder.open(log, metrics, "node-a", CLOCK);
      r.addFailed(POD, 1, "boom");
      r.added(POD, "10.1.0.5", 2, Duration.ofMillis(33), Duration.ofMillis(900));
      r.probeSucceeded(POD, "10.1.0.5", 2, "service", ProbeTimes.at(Duration.ofMillis(3)));
      r.networkReady(POD, "10.1.0.5", 2, Duration.ofMillis(910), Duration.ofMillis(1));
      before = scrape(metrics);
    }
    try (RecordLog log = RecordLog.open(dir)) {
      ShimMetrics metrics = new ShimMetrics();
      PodRecorder.open(log, metrics, "node-a", CLOCK);
      assertThat(scrape(metrics)).isEqualTo(before);
    }
  }

  @Test
  void aHugeErrorIsCutToAFewKibInItsRecord() throws Exception {
    try (RecordLog log = RecordLog.open(dir)) {
      PodRecorder r = PodRecorder.open(log, new ShimMetrics(), "node-a", CLOCK);
      String stderr = "bridge: failed\n" + "x".repeat(100_000);
      PodEvent stored = r.addFailed(POD, 1, stderr);
      assertThat(stored.error())
          .hasSize(PodRecorder.MAX_ERROR_CHARS + "... (95919 more characters cut)".length())
          .startsWith("bridge: failed\nxxx")
          .endsWith(
              "... (" + (stderr.length() - PodRecorder.MAX_ERROR_CHARS) + " more characters cut)");
      assertThat(PodEventCodec.fromJson(log.read(0, 1).lines().getFirst()).error())
          .isEqualTo(stored.error());
      assertThat(r.addFailed(POD, 2, "short").error()).isEqualTo("short");
    }
  }
}
