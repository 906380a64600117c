package dev.netmark.measurements.network;

import static dev.netmark.measurements.network.Fixture.S;
import static dev.netmark.measurements.network.Fixture.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.netmark.api.ConfigException;
import dev.netmark.api.DataFile;
import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.SloViolation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** TrafficModel/iperf.jsonl: three TCP runs, one UDP run, one failed run, on two nodes. */
class TrafficModelTest {
  @TempDir Path reportDir;

  @Test
  void distributionsAndAggregateFromRecords() throws Exception {
    Summary s = gather("TrafficModel/iperf.jsonl", Map.of());

    // bits/s 1e8 1e9 2e9 3e9: P50 = 2nd = 1e9, P90 = Max = 3e9, sum 6.1e9 (the failed run has
    // none).
    assertThat(item(s, "Metric", "bits_per_second").data())
        .containsEntry("Perc50", 1e9)
        .containsEntry("Perc90", 3e9)
        .containsEntry("Sum", 6.1e9)
        .containsEntry("Count", 4.0);
    assertThat(item(s, "Metric", "bits_per_second").unit()).isEqualTo("bit/s");
    // retransmits 3 0 1 -> sorted 0 1 3: P50 = 1, Max 3, Sum 4.
    assertThat(item(s, "Metric", "retransmits").data())
        .containsEntry("Perc50", 1.0)
        .containsEntry("Max", 3.0)
        .containsEntry("Sum", 4.0);
    assertThat(item(s, "Metric", "jitter_ms").data())
        .containsEntry("Perc99", 0.5)
        .doesNotContainKey("Sum");
    assertThat(item(s, "Metric", "lost_percent").data()).containsEntry("Max", 2.0);
    assertThat(s.notes())
        .contains(
            "5 traffic runs of 5 pods, 1 failed (exit code not 0, or an error the tool reported)",
            "most frequent traffic error: 1x iperf3: unable to connect to server <ip>: connection refused");
    Path file = reportDir.resolve("data").resolve("TrafficModel_pods_t_" + (S + 20_000) + ".json");
    assertThat(s.notes()).contains("per-pod results: " + file);
    DataFile pods = s.data().files().getFirst();
    assertThat(pods.kind()).isEqualTo(TrafficModel.PODS);
    assertThat(JsonMapper.builder().build().writeValueAsString(pods.content()))
        .contains("\"name\":\"t4\"", "\"jitter_ms\":0.5");
  }

  /** TrafficModel/busy.jsonl: one good run, one busy server (iperf3 exits 0), one refused. */
  @Test
  void aRunWhoseToolReportedAnErrorFailedWhateverItsExitCode() throws Exception {
    Summary s = busy(Map.of());

    assertThat(item(s, "Metric", TrafficModel.FAILED_RUNS).data()).containsEntry("Count", 2.0);
    assertThat(item(s, "Metric", "bits_per_second").data()).containsEntry("Count", 1.0);
    assertThat(s.notes())
        .contains(
            "3 traffic runs of 3 pods, 2 failed (exit code not 0, or an error the tool reported)");
    assertThat(s.violations()).isEmpty();
  }

  @Test
  void aThresholdOnFailedRunsFailsTheRun() throws Exception {
    assertThat(busy(failedRuns(0)).violations())
        .extracting(SloViolation::toString)
        .containsExactly("failed_runs Count = 2.000 count exceeds the threshold 0.000 count");
    assertThat(busy(failedRuns(2)).violations()).isEmpty();
  }

  @Test
  void aThresholdOnFailedRunsFailsWhenNoRunReported() throws Exception {
    RecordedSource source = RecordedSource.of(List.of());
    Fixture f =
        new Fixture(
            new TrafficModel(), new Fixture.Context(null, source, List.of("nm-1"), reportDir));
    Summary s = f.run(source, S + 20_000, failedRuns(0), failedRuns(0));

    assertThat(s.dataItems())
        .noneMatch(i -> TrafficModel.FAILED_RUNS.equals(i.labels().get("Metric")));
    assertThat(s.violations()).extracting(SloViolation::metric).containsExactly("failed_runs");
  }

  /**
   * TrafficModel/missing.jsonl: t1 network-ready with a run, t2 network-ready whose run had not
   * ended by the gather, t3 added but not network-ready (NetworkReadyLatency's business).
   */
  @Test
  void aNetworkReadyPodWithoutARunIsCountedAndCanFailTheRun() throws Exception {
    Summary s =
        gather(
            "TrafficModel/missing.jsonl",
            Map.of("thresholds", Map.of(TrafficModel.PODS_WITHOUT_RUNS, Map.of("Count", 0))));

    assertThat(item(s, "Metric", TrafficModel.PODS_WITHOUT_RUNS).data())
        .containsEntry("Count", 1.0);
    assertThat(s.notes())
        .contains(
            "1 of 2 network-ready pods have no traffic run by the gather (still running, never"
                + " started, or no command): nm-1/t2");
    assertThat(s.violations())
        .extracting(SloViolation::toString)
        .containsExactly("pods_without_runs Count = 1.000 count exceeds the threshold 0.000 count");
  }

  @Test
  void badThresholdsNameTheirKey() {
    Fixture f = Fixture.empty(new TrafficModel(), reportDir);
    assertThatThrownBy(() -> f.startWithThresholds(Map.of("bits_per_second", Map.of("Count", 1))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("params.thresholds.bits_per_second")
        .hasMessageContaining("unknown metric; expected one of failed_runs, pods_without_runs");
    assertThatThrownBy(() -> f.startWithThresholds(Map.of("failed_runs", Map.of("Perc99", 1))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown statistic; expected one of Count");
  }

  private Summary busy(Map<String, Object> params) throws Exception {
    return gather("TrafficModel/busy.jsonl", params);
  }

  /** Starts and gathers over the records of {@code resource}, with {@code params} on both. */
  private Summary gather(String resource, Map<String, Object> params) throws Exception {
    RecordedSource source = RecordedSource.load(resource);
    Fixture f =
        new Fixture(
            new TrafficModel(), new Fixture.Context(null, source, List.of("nm-1"), reportDir));
    return f.run(source, S + 20_000, params, params);
  }

  private static Map<String, Object> failedRuns(int limit) {
    return Map.of("thresholds", Map.of(TrafficModel.FAILED_RUNS, Map.of("Count", limit)));
  }

  @Test
  void fromHistograms() throws InterruptedException {
    HistogramSource source = new HistogramSource();
    double[] bits = {1e9, 1e10, Double.POSITIVE_INFINITY};
    double[] jitter = {0.001, 0.01, Double.POSITIVE_INFINITY};
    source.set("netmark_traffic_bits_per_second", Map.of(), bits, new long[] {0, 0, 0}, 0);
    source.set("netmark_traffic_jitter_seconds", Map.of(), jitter, new long[] {0, 0, 0}, 0);
    Fixture f =
        new Fixture(new TrafficModel(), new Fixture.Context(null, source, List.of(), reportDir));
    f.measurement.execute(Params.of(Map.of("action", "start")));
    source.set("netmark_traffic_bits_per_second", Map.of(), bits, new long[] {2, 4, 4}, 2.4e10);
    source.set("netmark_traffic_jitter_seconds", Map.of(), jitter, new long[] {1, 2, 2}, 0.006);
    Summary s = f.measurement.execute(Params.of(Map.of("action", "gather"))).getFirst();

    // bits: 4 runs, 2 in (0, 1e9], 2 in (1e9, 1e10]. P50: rank 2 in bucket 1 -> 0 + 1e9 * 2/2 =
    // 1e9. P90: rank 3.6 in bucket 2 -> 1e9 + 9e9 * (1.6 / 2) = 8.2e9. Sum 2.4e10.
    assertThat(item(s, "Metric", "bits_per_second").data())
        .containsEntry("Perc50", 1e9)
        .containsEntry("Perc90", 8.2e9)
        .containsEntry("Sum", 2.4e10);
    // jitter: 2 runs, one per bucket. P50: rank 1 -> 1 ms; Max: rank 2 -> 10 ms (seconds x 1000).
    assertThat(item(s, "Metric", "jitter_ms").data()).containsEntry("Perc50", 1.0);
    assertThat(item(s, "Metric", "jitter_ms").data().get("Max")).isCloseTo(10.0, within(1e-9));
    assertThat(s.dataItems()).noneMatch(i -> "lost_percent".equals(i.labels().get("Metric")));
  }
}
