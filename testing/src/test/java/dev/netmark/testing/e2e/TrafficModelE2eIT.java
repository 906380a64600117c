package dev.netmark.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.testing.local.Clusters;
import dev.netmark.testing.local.host.MachineSnapshot;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netmark run configs/traffic-model.yaml}: one iperf3 pod per node on 3 local nodes. */
class TrafficModelE2eIT {
  private static final String PREFIX = "nmlt";
  private static final int BASE = 252;

  @Test
  void everyIperfPodReportsThroughput(@TempDir Path reports) throws Exception {
    MachineSnapshot before = Clusters.snapshot(PREFIX, BASE);
    CliRun run =
        CliRun.run(
            "traffic-model.yaml",
            LocalRuns.args(
                PREFIX,
                BASE,
                3,
                reports.toString(),
                "NODES=3",
                "PODS_PER_NODE=1",
                "DURATION=1",
                ThresholdBreach.GENEROUS));
    // The twin of thresholdBreachedFailsTheRun: a limit the run meets passes.
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(before.differences(Clusters.snapshot(PREFIX, BASE))).isEmpty();

    NetworkReadyLatencyE2eIT.assertEveryPodMeasured(
        Reports.items(reports, "NetworkReadyLatency"), 3);
    // Every iperf3 client ran against its node's control pod and exited 0.
    assertThat(Reports.summaryText(reports)).contains("3 traffic runs of 3 pods, 0 failed");
    Map<String, Map<String, Double>> traffic = Reports.items(reports, "TrafficModel");
    assertThat(traffic).isNotEmpty();
  }

  @Test
  void thresholdBreachedFailsTheRun(@TempDir Path reports) throws Exception {
    CliRun run =
        CliRun.run(
            "traffic-model.yaml",
            LocalRuns.args(
                PREFIX,
                BASE,
                2,
                reports.toString(),
                "NODES=2",
                "PODS_PER_NODE=1",
                "DURATION=1",
                ThresholdBreach.IMPOSSIBLE));
    ThresholdBreach.assertBreached(run, reports);
  }
}
