package dev.netmark.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.api.Summary.DataItem;
import dev.netmark.api.Summary.SloViolation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdsTest {
  private static final List<String> METRICS = List.of("create_to_running", "schedule_to_run");

  private static Params params(Map<String, Object> thresholds) {
    return new Params(
        Map.of("action", "gather", "thresholds", thresholds),
        "steps[3].measurements[0].params",
        p -> p + " (test.yaml:20)");
  }

  @Test
  void durationsAndPlainMillisecondsAreLimits() {
    Thresholds t =
        Thresholds.parse(
            params(
                Map.of(
                    "create_to_running", Map.of("Perc99", "5s", "Perc50", 1500),
                    "schedule_to_run", Map.of("Perc90", "250ms"))),
            METRICS);
    List<DataItem> items =
        List.of(
            LatencyItems.of("create_to_running", List.of(1000, 1600, 5001)),
            LatencyItems.of("schedule_to_run", List.of(100, 200, 250)));
    // create_to_running: Perc50 = 1600 > 1500, Perc99 = 5001 > 5000; schedule_to_run Perc90 = 250.
    assertThat(t.check(items))
        .containsExactlyInAnyOrder(
            new SloViolation("create_to_running", "Perc50", 1500, 1600, "ms"),
            new SloViolation("create_to_running", "Perc99", 5000, 5001, "ms"));
  }

  @Test
  void aThresholdOnAMetricWithoutSamplesFailsWithNoData() {
    Thresholds t =
        Thresholds.parse(
            params(
                Map.of(
                    "create_to_running", Map.of("Perc99", "5s"),
                    "schedule_to_run", Map.of("Perc90", "250ms"))),
            METRICS);
    // schedule_to_run has no item at all: no samples.
    List<SloViolation> v = t.check(List.of(LatencyItems.of("create_to_running", List.of(1000))));
    assertThat(v).containsExactly(SloViolation.noData("schedule_to_run", "Perc90", 250, "ms"));
    assertThat(v.getFirst().noData()).isTrue();
    assertThat(v.getFirst()).hasToString("schedule_to_run Perc90: no data (threshold 250.000 ms)");
    // A part of the data (one phase) may lack a metric; only the whole is checked for it.
    assertThat(t.checkPresent(List.of(LatencyItems.of("create_to_running", List.of(1000)))))
        .isEmpty();
    assertThat(t.check(List.of())).hasSize(2).allMatch(SloViolation::noData);
  }

  @Test
  void noThresholdsNoViolations() {
    Thresholds t = Thresholds.parse(Params.of(Map.of("action", "gather")), METRICS);
    assertThat(t.isEmpty()).isTrue();
    assertThat(t.check(List.of(LatencyItems.of("create_to_running", List.of(1e9))))).isEmpty();
  }

  @Test
  void unknownMetricIsNamedWithPathAndLine() {
    assertThatThrownBy(
            () -> Thresholds.parse(params(Map.of("startup", Map.of("Perc99", "1s"))), METRICS))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "steps[3].measurements[0].params.thresholds.startup (test.yaml:20): unknown metric;"
                + " expected one of create_to_running, schedule_to_run");
  }

  @Test
  void unknownStatisticAndBadDurationAreNamed() {
    assertThatThrownBy(
            () ->
                Thresholds.parse(params(Map.of("create_to_running", Map.of("P99", "1s"))), METRICS))
        .hasMessageStartingWith(
            "steps[3].measurements[0].params.thresholds.create_to_running.P99 (test.yaml:20):"
                + " unknown statistic");
    assertThatThrownBy(
            () ->
                Thresholds.parse(
                    params(Map.of("create_to_running", Map.of("Perc99", "soon"))), METRICS))
        .hasMessageContaining("thresholds.create_to_running.Perc99")
        .hasMessageContaining("found 'soon'");
  }
}
