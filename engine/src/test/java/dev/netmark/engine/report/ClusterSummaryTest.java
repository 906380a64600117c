package dev.netmark.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.ClusterEvent;
import dev.netmark.api.Summary;
import dev.netmark.engine.report.data.PerfdashWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSummaryTest {
  private static final Instant T = Instant.parse("2026-12-05T10:04:42Z");

  private static ClusterEvent restart(String node, Instant at, String detail) {
    return new ClusterEvent(at, node, ClusterEvent.SHIM_RESTART, detail);
  }

  @Test
  void oneNotePerNodeAndTheTotalForPerfdash() {
    Summary s =
        ClusterSummary.of(
                List.of(
                    restart("nml-node2", T, "exit signal 9"),
                    restart("nml-node1", T.plusSeconds(5), "exit code 1"),
                    restart("nml-node2", T.plusSeconds(8), "exit signal 9")),
                null)
            .orElseThrow();
    assertThat(s.name()).isEqualTo("Cluster");
    assertThat(s.notes())
        .containsExactly(
            "shim on nml-node2 restarted 2x at 10:04:42, exit signal 9; 10:04:50, exit signal 9",
            "shim on nml-node1 restarted 1x at 10:04:47, exit code 1");
    assertThat(s.dataItems()).hasSize(1);
    assertThat(s.dataItems().getFirst().data()).isEqualTo(Map.of("Count", 3.0));
    assertThat(s.dataItems().getFirst().labels()).isEqualTo(Map.of("Metric", "shim_restarts"));
    assertThat(PerfdashWriter.json(s)).contains("\"Count\" : 3.0").contains("shim_restarts");
  }

  @Test
  void aFailureIsNotedByItsFirstLine() {
    Summary s =
        ClusterSummary.of(List.of(), "the shim of nml-node2 keeps dying\nlast log line")
            .orElseThrow();
    assertThat(s.notes()).containsExactly("the run was stopped: the shim of nml-node2 keeps dying");
    assertThat(s.dataItems().getFirst().data()).isEqualTo(Map.of("Count", 0.0));
  }

  @Test
  void nothingReportedMeansNoSummary() {
    assertThat(ClusterSummary.of(List.of(), null)).isEmpty();
    assertThat(ClusterSummary.of(List.of(new ClusterEvent(T, "n", "other", "x")), null)).isEmpty();
  }
}
