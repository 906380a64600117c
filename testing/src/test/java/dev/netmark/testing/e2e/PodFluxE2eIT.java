package dev.netmark.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.testing.local.Clusters;
import dev.netmark.testing.local.host.MachineSnapshot;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netmark run configs/pod-flux.yaml}: 2 rounds of 2 pods per namespace on 3 local nodes. */
class PodFluxE2eIT {
  private static final String PREFIX = "nmlp";
  private static final int BASE = 230;

  @Test
  void churnedPodsAreAllMeasuredAndNothingLeaks(@TempDir Path reports) throws Exception {
    MachineSnapshot before = Clusters.snapshot(PREFIX, BASE);
    CliRun run =
        CliRun.run(
            "pod-flux.yaml",
            LocalRuns.args(
                PREFIX,
                BASE,
                3,
                reports.toString(),
                "NODES=3",
                "PODS_PER_ROUND=2",
                "ROUNDS=2",
                "LIFETIME_ROUNDS=1",
                "ROUND_PERIOD=3s",
                "POD_QPS=20",
                ThresholdBreach.GENEROUS));
    // The twin of thresholdBreachedFailsTheRun: a limit the run meets passes.
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(before.differences(Clusters.snapshot(PREFIX, BASE))).isEmpty();

    // 3 namespaces x 2 pods x 2 rounds, each created, network-ready and deleted once.
    NetworkReadyLatencyE2eIT.assertEveryPodMeasured(
        Reports.items(reports, "NetworkReadyLatency"), 12);
    Map<String, Map<String, Double>> flux = Reports.items(reports, "PodFlux");
    for (String zero :
        new String[] {"leaked_pods", "add_failures", "probe_failures", "del_failures"}) {
      assertThat(flux.get(zero)).as(zero).containsEntry("Count", 0.0);
    }
    assertThat(countOverPhases(flux, "cni_add")).isEqualTo(12.0);
    assertThat(countOverPhases(flux, "cni_del")).isEqualTo(12.0);
    assertThat(Reports.summaryText(reports))
        .contains("consistency: 0 pods with network_ready < cni_add");
  }

  @Test
  void thresholdBreachedFailsTheRun(@TempDir Path reports) throws Exception {
    CliRun run =
        CliRun.run(
            "pod-flux.yaml",
            LocalRuns.args(
                PREFIX,
                BASE,
                2,
                reports.toString(),
                "NODES=2",
                "PODS_PER_ROUND=1",
                "ROUNDS=1",
                "LIFETIME_ROUNDS=1",
                "ROUND_PERIOD=1s",
                "POD_QPS=20",
                ThresholdBreach.IMPOSSIBLE));
    ThresholdBreach.assertBreached(run, reports);
  }

  private static double countOverPhases(Map<String, Map<String, Double>> items, String metric) {
    return items.entrySet().stream()
        .filter(e -> e.getKey().startsWith(metric + "/Phase="))
        .mapToDouble(e -> e.getValue().get("Count"))
        .sum();
  }
}
