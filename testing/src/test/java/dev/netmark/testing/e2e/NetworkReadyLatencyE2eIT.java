package dev.netmark.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.testing.local.Clusters;
import dev.netmark.testing.local.host.MachineSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netmark run configs/network-ready-latency.yaml} on 3 local nodes, end to end. */
class NetworkReadyLatencyE2eIT {
  private static final String PREFIX = "nmle";
  private static final int BASE = 210;
  static final List<String> LATENCIES =
      List.of(
          "cni_add",
          "cni_add_total",
          "probe_same_node",
          "probe_remote_node",
          "probe_service",
          "probe_external",
          "network_ready");

  @Test
  void everyPodIsNetworkReadyAndNothingIsLeft(@TempDir Path reports) throws Exception {
    MachineSnapshot before = Clusters.snapshot(PREFIX, BASE);
    CliRun run =
        CliRun.run(
            "network-ready-latency.yaml",
            LocalRuns.sized(PREFIX, BASE, reports.toString(), 3, 3, 20, ThresholdBreach.GENEROUS));
    // The twin of thresholdBreachedFailsTheRun: a limit the run meets passes.
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("\nVerdict: PASS\n");
    assertThat(ThresholdBreach.failures(reports.resolve("junit.xml"))).isEmpty();
    assertThat(before.differences(Clusters.snapshot(PREFIX, BASE))).isEmpty();

    Map<String, Map<String, Double>> latency = Reports.items(reports, "NetworkReadyLatency");
    assertEveryPodMeasured(latency, 9);
    String summary = Reports.summaryText(reports);
    assertThat(summary)
        .contains("9 pods matching 'netperf=true' network-ready")
        .contains("consistency: 0 pods with network_ready < cni_add")
        .contains("coverage: 3 of 3 nodes answered")
        .contains("9 of 9 pods in the test's namespaces were seen running");
    Map<String, Map<String, Double>> throughput = Reports.items(reports, "NetworkReadyThroughput");
    assertThat(throughput.get("throughput")).containsEntry("Count", 9.0);
    assertThat(throughput.get("throughput").get("Average")).isPositive();
  }

  @Test
  void shimsInJvmsOfTheirOwnMeasureEveryPodAndLeaveNothing(@TempDir Path reports) throws Exception {
    MachineSnapshot before = Clusters.snapshot(PREFIX, BASE);
    List<String> args =
        new ArrayList<>(
            LocalRuns.sized(PREFIX, BASE, reports.toString(), 3, 3, 20, ThresholdBreach.GENEROUS));
    // A JVM per node's shim, as a real node runs it; the other cases run the default, every
    // node's shim hosted in netmark's JVM.
    args.addAll(List.of("--provider-opt", "shims=processes"));
    CliRun run = CliRun.run("network-ready-latency.yaml", args);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("\nVerdict: PASS\n");
    // The pods were stopped through the shims (their DELs), the shims ended, their namespaces,
    // links and state gone.
    assertThat(before.differences(Clusters.snapshot(PREFIX, BASE))).isEmpty();
    assertEveryPodMeasured(Reports.items(reports, "NetworkReadyLatency"), 9);
    assertThat(Reports.summaryText(reports))
        .contains("9 pods matching 'netperf=true' network-ready")
        .contains("coverage: 3 of 3 nodes answered");
  }

  @Test
  void thresholdBreachedFailsTheRun(@TempDir Path reports) throws Exception {
    // The config's threshold is on the start action, checked at gather: it must be able to fail.
    CliRun run =
        CliRun.run(
            "network-ready-latency.yaml",
            LocalRuns.sized(
                PREFIX, BASE, reports.toString(), 2, 2, 20, ThresholdBreach.IMPOSSIBLE));
    ThresholdBreach.assertBreached(run, reports);
  }

  /** Every latency has {@code pods} samples, all positive, and network-ready is never below ADD. */
  static void assertEveryPodMeasured(Map<String, Map<String, Double>> latency, int pods) {
    for (String metric : LATENCIES) {
      assertThat(latency).as("metrics").containsKey(metric);
      assertThat(latency.get(metric)).as(metric).containsEntry("Count", (double) pods);
      assertThat(latency.get(metric).get("Perc50")).as(metric + " Perc50").isPositive();
    }
    // Per pod network_ready >= cni_add, so every order statistic is too.
    for (String stat : List.of("Perc50", "Perc90", "Perc99", "Max")) {
      assertThat(latency.get("network_ready").get(stat))
          .as(stat)
          .isGreaterThanOrEqualTo(latency.get("cni_add").get(stat));
      assertThat(latency.get("cni_add_total").get(stat))
          .as(stat)
          .isGreaterThanOrEqualTo(latency.get("cni_add").get(stat));
    }
  }
}
