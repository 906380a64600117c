package dev.netmark.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.Baseline;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaselineSummaryTest {
  private static final Summary LATENCY =
      new Summary(
          "NetworkReadyLatency",
          List.of(
              new DataItem(
                  Map.of("Perc50", 392.0, "Perc90", 500.0, "Perc99", 610.0),
                  "ms",
                  Map.of("Metric", "cni_add")),
              // Another label: not the run's cni_add.
              new DataItem(
                  Map.of("Perc50", 1.0), "ms", Map.of("Metric", "probe_same_node", "Phase", "x")),
              new DataItem(Map.of("Perc50", 270.0), "ms", Map.of("Metric", "probe_same_node"))));

  @Test
  void eachRawNumberStandsBesideTheRunsOwnWithTheDifferenceOfTheMedians() {
    Summary s =
        BaselineSummary.of(
                List.of(
                    new Baseline("cni_add", "ms", List.of(40.0, 30.0, 35.0, 50.0, 33.0), "how A"),
                    new Baseline("probe_same_node", "ms", List.of(3.0, 2.0, 4.0), "how P")),
                List.of(LATENCY))
            .orElseThrow();
    assertThat(s.name()).isEqualTo("RawBaseline");
    assertThat(s.dataItems()).hasSize(4);
    DataItem raw = s.dataItems().get(0);
    assertThat(raw.labels()).isEqualTo(Map.of("Metric", "cni_add", "Side", "raw"));
    assertThat(raw.data())
        .isEqualTo(
            Map.of("Perc50", 35.0, "Perc90", 50.0, "Perc99", 50.0, "Max", 50.0, "Count", 5.0));
    assertThat(s.dataItems().get(1).labels())
        .isEqualTo(Map.of("Metric", "cni_add", "Side", "netmark"));
    assertThat(s.dataItems().get(1).data()).containsEntry("Perc50", 392.0);
    assertThat(s.dataItems().get(3).data()).isEqualTo(Map.of("Perc50", 270.0));
    assertThat(s.notes())
        .containsExactly(
            "raw cni_add: how A",
            "cni_add Perc50: netmark 392.000 ms, raw 35.000 ms, netmark minus raw 357.000 ms",
            "raw probe_same_node: how P",
            "probe_same_node Perc50: netmark 270.000 ms, raw 3.000 ms, netmark minus raw 267.000"
                + " ms");
  }

  @Test
  void aBaselineWithoutSamplesOrWithoutANetmarkNumberIsANote() {
    Summary s =
        BaselineSummary.of(
                List.of(
                    new Baseline("cni_add", "ms", List.of(), "plugin ptp failed"),
                    new Baseline("probe_same_node", "ms", List.of(3.0), "how P")),
                List.of())
            .orElseThrow();
    assertThat(s.dataItems()).hasSize(1);
    assertThat(s.notes())
        .containsExactly(
            "raw cni_add not measured: plugin ptp failed",
            "raw probe_same_node: how P",
            "probe_same_node: no netmark number in this run to set beside the raw one");
  }

  @Test
  void aConcurrentBaselineStandsBesideNetmarksNumberOfTheSamePods() {
    Summary s =
        BaselineSummary.of(
                List.of(
                    new Baseline(
                        "probe_remote_node",
                        "ms",
                        List.of(4.0, 2.0, 3.0),
                        "how C",
                        Baseline.RAW_CONCURRENT,
                        List.of(9.0, 7.0, 8.0)),
                    new Baseline(
                        "probe_service",
                        "ms",
                        List.of(),
                        "servicePing is off",
                        Baseline.RAW_CONCURRENT,
                        List.of())),
                List.of(LATENCY))
            .orElseThrow();
    assertThat(s.dataItems()).hasSize(2);
    assertThat(s.dataItems().get(0).labels())
        .isEqualTo(Map.of("Metric", "probe_remote_node", "Side", "raw-concurrent"));
    assertThat(s.dataItems().get(0).data())
        .containsEntry("Perc50", 3.0)
        .containsEntry("Count", 3.0);
    assertThat(s.dataItems().get(1).labels())
        .isEqualTo(Map.of("Metric", "probe_remote_node", "Side", "netmark-sampled"));
    assertThat(s.dataItems().get(1).data())
        .isEqualTo(Map.of("Perc50", 8.0, "Perc90", 9.0, "Perc99", 9.0, "Max", 9.0, "Count", 3.0));
    assertThat(s.notes())
        .containsExactly(
            "raw-concurrent probe_remote_node: how C",
            "probe_remote_node Perc50: netmark-sampled 8.000 ms, raw-concurrent 3.000 ms, netmark"
                + " minus raw 5.000 ms",
            "raw-concurrent probe_service not measured: servicePing is off");
  }

  @Test
  void noBaselineMeansNoSummary() {
    assertThat(BaselineSummary.of(List.of(), List.of(LATENCY))).isEmpty();
  }
}
