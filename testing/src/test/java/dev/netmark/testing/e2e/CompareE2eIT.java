package dev.netmark.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.testing.local.Clusters;
import dev.netmark.testing.local.delay.DelayCni;
import dev.netmark.testing.local.delay.DelayTruth;
import dev.netmark.testing.local.host.MachineSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netmark compare} on real runs: configs/network-ready-latency.yaml on 2 local nodes, twice
 * on the same CNI network and once with {@code netmark-delay} adding {@value #DELAY_MS} ms to every
 * ADD. The same setup must not be called a regression; the slow one must, on {@code cni_add} and
 * {@code network_ready}, with the p-values printed.
 *
 * <p>All three runs use netmark-delay, so the delay is the only difference. The delay is about
 * three times a quiet machine's ADD here; when other work drives the load far above the core count
 * the runs differ by more than that and the slow run's verdict becomes a matter of luck.
 */
class CompareE2eIT {
  private static final String PREFIX = "ncp";
  private static final int BASE = 170;
  private static final int NODES = 2;
  private static final int PODS_PER_NODE = 10;
  private static final int DELAY_MS = 150;
  // Slow enough that ADDs on a node rarely overlap: queueing behind each other would add noise of
  // the order of the delay under test.
  private static final int POD_QPS = 5;

  @Test
  void compareFlagsTheInjectedDelayAndOnlyIt(@TempDir Path tmp) throws Exception {
    MachineSnapshot before = Clusters.snapshot(PREFIX, BASE);
    DelayCni plain = DelayCni.install(tmp.resolve("cni-plain"), 0, 0);
    DelayCni slow = DelayCni.install(tmp.resolve("cni-slow"), DELAY_MS, 0);
    Path baseline = run(plain, tmp.resolve("baseline"));
    Path same = run(plain, tmp.resolve("same"));
    Path slower = run(slow, tmp.resolve("slow"));
    assertThat(before.differences(Clusters.snapshot(PREFIX, BASE))).isEmpty();

    // The delay really happened: every ADD of the slow run took at least DELAY_MS in the plugin.
    DelayTruth truth = slow.truth();
    assertThat(truth.adds()).hasSizeGreaterThanOrEqualTo(NODES * PODS_PER_NODE);
    assertThat(truth.adds().values())
        .allSatisfy(a -> assertThat(a.addMillis()).isGreaterThanOrEqualTo(DELAY_MS));

    CliRun unchanged = CliRun.compare(baseline, same);
    assertThat(unchanged.exitCode()).as(unchanged.toString()).isZero();
    assertThat(unchanged.out())
        .contains("NetworkReadyLatency cni_add (ms): ")
        .contains("Mann-Whitney p=")
        .doesNotContain("REGRESSION");

    CliRun regressed = CliRun.compare(baseline, slower);
    assertThat(regressed.exitCode()).as(regressed.toString()).isEqualTo(1);
    assertThat(regressed.out())
        .containsPattern("NetworkReadyLatency cni_add \\(ms\\): REGRESSION, Mann-Whitney p=\\S+")
        .containsPattern(
            "NetworkReadyLatency network_ready \\(ms\\): REGRESSION, Mann-Whitney p=\\S+");
  }

  private static Path run(DelayCni cni, Path reports) {
    List<String> args =
        new ArrayList<>(
            LocalRuns.args(
                PREFIX,
                BASE,
                NODES,
                reports.toString(),
                "NODES=" + NODES,
                "PODS_PER_NODE=" + PODS_PER_NODE,
                "POD_QPS=" + POD_QPS));
    args.addAll(cni.runOptions());
    CliRun run = CliRun.run("network-ready-latency.yaml", args);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    return reports;
  }
}
