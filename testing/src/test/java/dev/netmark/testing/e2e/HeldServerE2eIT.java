package dev.netmark.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.testing.local.Clusters;
import dev.netmark.testing.local.delay.DelayCni;
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

    // A server pod turns network-ready once its own probes are answered (the hold lets them
    // through), at most the slowest probe class after ADD; its first request through the VIP
    // arrives once the hold is lifted, HOLD_MS after ADD.
    Map<String, Map<String, Double>> ready = Reports.items(reports, "NetworkReadyLatency");
    double probes =
        ready.entrySet().stream()
            .filter(e -> e.getKey().matches("probe_[a-z_]+"))
            .mapToDouble(e -> e.getValue().get("Max"))
            .max()
            .orElseThrow();
    List<Double> serviceReady = new ArrayList<>();
    for (JsonNode pod : ApplicationModelsE2eIT.traffic(reports).path("servicePods")) {
      if (pod.path("tier").asString().equals("server")) {
        serviceReady.add(pod.path("serviceReadyMs").asDouble());
      }
    }
    assertThat(serviceReady).hasSize(2).allMatch(ms -> ms >= HOLD_MS - probes);
    assertThat(cni.truth().restoredUs()).hasSizeGreaterThanOrEqualTo(2);
  }
}
