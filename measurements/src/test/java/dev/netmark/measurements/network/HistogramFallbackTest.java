package dev.netmark.measurements.network;

import static dev.netmark.measurements.network.Fixture.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.MetricSource.Coverage;
import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.SloViolation;
import dev.netmark.api.Summary.SloViolation.Bound;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NetworkReadyLatency on a source without records: start and gather snapshots, subtracted. */
class HistogramFallbackTest {
  private static final double[] BOUNDS = {0.05, 0.1, 0.2, Double.POSITIVE_INFINITY};
  @TempDir Path reportDir;

  @Test
  void latencyFromHistogramDeltas() throws InterruptedException {
    HistogramSource source = new HistogramSource();
    source.coverage(new Coverage(3, Map.of("node-c", "timeout")));
    source.set(
        "netmark_network_ready_duration_seconds", Map.of(), BOUNDS, new long[] {1, 2, 2, 2}, 0.1);
    source.set(
        "netmark_probe_duration_seconds",
        Map.of("target", "service"),
        BOUNDS,
        new long[] {0, 0, 0, 0},
        0);
    Fixture f =
        new Fixture(
            new NetworkReadyLatency(), new Fixture.Context(null, source, List.of(), reportDir));
    f.measurement.execute(Params.of(Map.of("action", "start", "labelSelector", "group=a")));
    source.set(
        "netmark_network_ready_duration_seconds", Map.of(), BOUNDS, new long[] {3, 8, 10, 11}, 1.0);
    source.set(
        "netmark_probe_duration_seconds",
        Map.of("target", "service"),
        BOUNDS,
        new long[] {4, 4, 4, 4},
        0.1);
    Summary s =
        f.measurement
            .execute(
                Params.of(
                    Map.of(
                        "action",
                        "gather",
                        "thresholds",
                        Map.of("network_ready", Map.of("Perc90", "150ms")))))
            .getFirst();

    // Window [2, 6, 8, 9]: P50 = 81.25 ms, P90 = P99 = Max = 200 ms (+Inf -> highest bound).
    assertThat(item(s, "Metric", "network_ready").data())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("Perc50", 81.25, "Perc90", 200.0, "Perc99", 200.0, "Max", 200.0, "Count", 9.0));
    // 4 probes all in (0, 50 ms]: P50 rank 2 -> 25 ms.
    assertThat(item(s, "Metric", "probe_service").data()).containsEntry("Perc50", 25.0);
    assertThat(s.dataItems()).hasSize(2);
    assertThat(s.violations())
        .containsExactly(
            new SloViolation("network_ready", "Perc90", 150.0, 200.0, "ms"),
            // node-c timed out, and by default every node must answer.
            new SloViolation("coverage", "NodesAnswered", 3, 2, "nodes", Bound.MIN));
    assertThat(s.notes().get(0)).startsWith("source: histograms, bucket resolution");
    assertThat(s.notes())
        .contains(
            "namespaces and labelSelector cannot be applied to histograms: they cover every netperf pod"
                + " on the answering nodes",
            "coverage: 2 of 3 nodes answered; not answering: node-c (timeout)");
  }
}
