package dev.netmark.bench.faults;

import dev.netmark.bench.BenchResult;
import dev.netmark.testing.local.LocalCluster;
import dev.netmark.testing.local.LocalClusterSpec;
import dev.netmark.testing.local.RestartPolicy;
import dev.netmark.testing.local.fabric.FabricSpec;
import dev.netmark.testing.local.host.HostException;
import dev.netmark.testing.local.host.Leftovers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * {@code fault-soak}: local mode on 3 nodes through many pod create/delete cycles while faults are
 * injected (shims killed with SIGKILL, CNI plugins that hang, crash, print garbage or run slow, a
 * full disk under one shim's state), then a count of defects (docs/performance.md, "fault-soak"):
 * what leaked, records lost, pods left unprobed and silent, shims that did not come back, teardown
 * problems. Headline: the number of defects; goal 0. Uses local-mode prefix {@code nfs} and
 * 10.174-177.x.x.
 *
 * <p>Usage: {@code FaultSoak} ({@code BENCH_SMOKE=1}: under a minute).
 */
public final class FaultSoak {
  static final String PREFIX = "nfs";
  private static final FaultyCni.Rates RATES = new FaultyCni.Rates(10, 25, 25, 40);

  /** How much of everything: nodes, cycles, concurrent pods, kills, how long the disk is full. */
  record Size(int nodes, int cycles, int workers, int kills, Duration diskFull) {}

  static final Size FULL = new Size(3, 1000, 12, 20, Duration.ofSeconds(5));
  static final Size SMOKE = new Size(3, 20, 6, 1, Duration.ofSeconds(3));

  private FaultSoak() {}

  public static void main(String[] args) throws Exception {
    boolean smoke = BenchResult.smoke();
    Size size = smoke ? SMOKE : FULL;
    BenchResult result =
        new BenchResult("fault-soak", "sudo hack/bench.sh fault-soak" + (smoke ? " --smoke" : ""));
    Path dir = Files.createTempDirectory("netmark-fault-soak");
    FaultyCni cni = FaultyCni.install(dir.resolve("cni"), RATES);
    LocalClusterSpec spec =
        LocalClusterSpec.of(
                FabricSpec.builder()
                    .prefix(PREFIX)
                    .nodes(size.nodes())
                    .clusterCidr("10.174.0.0/16")
                    .linkCidr("10.175.0.0/16")
                    .serviceCidr("10.176.0.0/16")
                    .externalCidr("10.177.0.0/24")
                    .cni(cni.cniSetup())
                    .build())
            // The soak's kills must not take a node down: 20 kills spread over 3 nodes.
            .withRestarts(new RestartPolicy(RestartPolicy.DEFAULT.backoff(), 10))
            .withKeepLogs(dir.resolve("logs"));
    Defects defects = new Defects();
    Soak soak = new Soak(size, new Random(), defects);
    LocalCluster cluster = LocalCluster.start(spec);
    // No raw pings from the first pods: the benchmark's load is its own, and it reads no baseline.
    cluster.skipBaselines();
    try {
      soak.run(cluster, dir);
    } finally {
      try {
        cluster.close();
      } catch (HostException e) {
        defects.add(
            Defects.TEARDOWN,
            e.getMessage().lines().filter(l -> l.startsWith("  - ")).map(String::strip).toList());
      }
    }
    defects.lines(10).forEach(l -> System.err.println("fault-soak: " + l));
    if (defects.total() > 0) {
      System.err.println("fault-soak: the shims' logs are in " + dir.resolve("logs"));
    }
    Map<String, Object> injected = new TreeMap<>(cni.injected());
    injected.put("shim kills", soak.killer().kills().size());
    injected.put("full disk", size.diskFull().toSeconds() + " s on " + soak.diskNode());
    result
        .count(
            "defects: leaked netns, IPs and veths, records lost, pods unprobed and silent, shims"
                + " not back, teardown problems",
            "defects",
            defects.total())
        .goal("0", defects.total() == 0)
        .detail("cycles", soak.cycles().created().size())
        .detail("workers", size.workers())
        .detail("nodes", size.nodes())
        .detail("faults injected", injected)
        .detail("defects by kind", defects.counts())
        .detail(
            "pods not settled within " + Cycles.SETTLE.toSeconds() + " s",
            soak.cycles().unsettled().size())
        .detail("API errors", soak.cycles().apiErrors().size())
        .finish();
    // The logs and the state copy are kept for a defect's diagnosis only: a clean run (every CI's
    // smoke run) leaves nothing in the temporary directory.
    if (defects.total() == 0) {
      Leftovers.deleteTree(dir);
    }
  }
}
