package dev.netmark.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.testing.local.Clusters;
import dev.netmark.testing.local.delay.DelayCni;
import dev.netmark.testing.local.delay.DelayTruth;
import dev.netmark.testing.local.host.MachineSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * An application model's server tier whose answers are held down after ADD (docs/design.md,
 * "Application models"): its service_ready grows by the hold. The held datapath needs a CNI of its
 * own ({@code netmark-delay}), so a run of its own with {@code --provider local}, apart from {@link
 * ApplicationModelsE2eIT}'s shared cluster.
 */
class HeldServerE2eIT {
  private static final String HOLD_PREFIX = "nmah";
  private static final int HOLD_BASE = 234;
  private static final int NODES = 3;
  private static final int HOLD_MS = 3000;

  @Test
  void aHeldServerTiersServiceReadyGrowsByTheHold(@TempDir Path tmp) throws Exception {
    MachineSnapshot held = Clusters.snapshot(HOLD_PREFIX, HOLD_BASE);
    DelayCni cni = DelayCni.installServingHold(tmp.resolve("cni"), HOLD_MS);
    Path reports = tmp.resolve("reports");
    List<String> args =
        new ArrayList<>(LocalRuns.args(HOLD_PREFIX, HOLD_BASE, NODES, reports.toString()));
    args.addAll(cni.runOptions());
    args.add("--no-raw-baseline");
    CliRun run = CliRun.run(ApplicationModelsE2eIT.resource("held-server.yaml"), args);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(held.differences(Clusters.snapshot(HOLD_PREFIX, HOLD_BASE))).isEmpty();

    // A server's first request through the VIP arrives once its hold is lifted, at least HOLD_MS
    // after the plugin's last stamp. Its network-ready comes at most the slowest probe class after
    // the shim saw the ADD return, which is later than that stamp by the plugin's tail: at most
    // the shim's cni_add less the plugin's own ADD (the shim starts the clock before the plugin
    // runs), bounded over every measured pod. So service_ready >= HOLD_MS - probes - tail.
    Map<String, Map<String, Double>> ready = Reports.items(reports, "NetworkReadyLatency");
    double probes =
        ready.entrySet().stream()
            .filter(e -> e.getKey().matches("probe_[a-z_]+"))
            .mapToDouble(e -> e.getValue().get("Max"))
            .max()
            .orElseThrow();
    DelayTruth truth = cni.truth();
    double pluginAddMin =
        truth.adds().entrySet().stream()
            .filter(e -> !e.getKey().equals(DelayTruth.UNKNOWN_UID))
            .mapToDouble(e -> e.getValue().addMillis())
            .min()
            .orElseThrow();
    double tail = ready.get("cni_add").get("Max") - pluginAddMin;
    double bound = HOLD_MS - probes - tail;
    List<Double> serviceReady = new ArrayList<>();
    for (JsonNode pod : ApplicationModelsE2eIT.traffic(reports).path("servicePods")) {
      if (pod.path("tier").asString().equals("server")) {
        serviceReady.add(pod.path("serviceReadyMs").asDouble());
      }
    }
    assertThat(serviceReady)
        .as("service_ready of the servers; probes %.1f ms, plugin tail %.1f ms", probes, tail)
        .hasSize(2)
        .allMatch(ms -> ms >= bound);
    assertThat(truth.restoredUs()).hasSizeGreaterThanOrEqualTo(2);
  }
}
