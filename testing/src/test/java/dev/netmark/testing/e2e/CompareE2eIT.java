package dev.netmark.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.testing.local.Clusters;
import dev.netmark.testing.local.delay.DelayCni;
import dev.netmark.testing.local.delay.DelayTruth;
import dev.netmark.testing.local.host.MachineSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netmark compare} on real runs: configs/network-ready-latency.yaml on 2 local nodes, twice
 * on the same CNI network and once with {@code netmark-delay} adding {@value #DELAY_MS} ms to every
 * ADD. The same setup must not be called a regression; the slow one must, on {@code cni_add} and
 * {@code network_ready}, with the p-values printed.
 *
 * <p>All three runs use netmark-delay, so the delay is the only difference. The shim's cni_add of
 * the wrapped bridge is 75-450 ms on a quiet machine (the wrapper is bash and jq), and two runs of
 * one setup differed by up to 50% (cni_add) and 86% (create_to_network_ready) in CI; so both
 * comparisons use {@value #TOLERANCE}, and the delay is large enough to stand far beyond it. With
 * 150 ms, 20 pods per run were too few to tell the regression from the spread (p=0.058). When other
 * jobs load the machine differently between the two unchanged runs, the plugin's own record shows
 * it (see {@link #assumeMachineSteady}) and the test stops as inconclusive rather than judging
 * {@code compare} on runs that differ by more than the delay (seen on the 2-core build machine at
 * load 6-30: bridge's ADD moved between 0.3 and 3 s from one run to the next).
 *
 * <p>Tagged {@code alone}: the other integration tests run two at a time, and a run beside one of
 * them would load the machine differently in each of the three runs.
 */
@Tag("alone")
class CompareE2eIT {
  private static final String PREFIX = "ncp";
  private static final int BASE = 170;
  private static final int NODES = 2;
  private static final int PODS_PER_NODE = 10;
  private static final int WARMUP_PODS = 3;
  private static final int DELAY_MS = 1000;
  private static final String TOLERANCE = "100%";
  // Slow enough that ADDs on a node rarely overlap: queueing behind each other would add noise of
  // the order of the delay under test.
  private static final int POD_QPS = 5;

  @Test
  void compareFlagsTheInjectedDelayAndOnlyIt(@TempDir Path tmp) throws Exception {
    MachineSnapshot before = Clusters.snapshot(PREFIX, BASE);
    // One install per run, so each run's truth file holds only its own pods.
    DelayCni plain = DelayCni.install(tmp.resolve("cni-baseline"), 0, 0);
    DelayCni again = DelayCni.install(tmp.resolve("cni-same"), 0, 0);
    DelayCni slow = DelayCni.install(tmp.resolve("cni-slow"), DELAY_MS, 0);
    // This test runs alone in a JVM of its own, and local mode runs in the test's JVM: the first
    // run pays that JVM's class loading, first-use code and JIT while its pods are measured, which
    // loads the machine the others do not (CI: the baseline's machine reference 183 ms against
    // 63-96 ms in the next two runs, so a 1 s delay read as within tolerance). A small run first
    // makes all three compared runs warm.
    run(DelayCni.install(tmp.resolve("cni-warmup"), 0, 0), tmp.resolve("warmup"), WARMUP_PODS);
    Path baseline = run(plain, tmp.resolve("baseline"), PODS_PER_NODE);
    Path same = run(again, tmp.resolve("same"), PODS_PER_NODE);
    Path slower = run(slow, tmp.resolve("slow"), PODS_PER_NODE);
    assertThat(before.differences(Clusters.snapshot(PREFIX, BASE))).isEmpty();
    assumeMachineSteady(plain.truth(), again.truth());

    // The delay really happened: every ADD of the slow run took at least DELAY_MS in the plugin.
    DelayTruth truth = slow.truth();
    assertThat(truth.adds()).hasSizeGreaterThanOrEqualTo(NODES * PODS_PER_NODE);
    assertThat(truth.adds().values())
        .allSatisfy(a -> assertThat(a.addMillis()).isGreaterThanOrEqualTo(DELAY_MS));

    CliRun unchanged = CliRun.compare(baseline, same, "--tolerance", TOLERANCE);
    CliRun regressed = CliRun.compare(baseline, slower, "--tolerance", TOLERANCE);
    // Both tables in the test's output: the p-values are what to look at when this test fails.
    System.out.println(unchanged.out() + "\n" + regressed.out());
    assertThat(unchanged.exitCode()).as(unchanged.toString()).isZero();
    assertThat(unchanged.out())
        .contains("NetworkReadyLatency cni_add (ms): ")
        .contains("Mann-Whitney p=")
        .doesNotContain("REGRESSION");

    assertThat(regressed.exitCode()).as(regressed.toString()).isEqualTo(1);
    // Local runs carry a machine reference, so latencies are judged relative to it (a bootstrap
    // test); a run without one is judged as measured (Mann-Whitney on the median).
    assertThat(regressed.out())
        .contains("machine reference: machine_add median ")
        .containsPattern(
            "NetworkReadyLatency cni_add \\(ms\\): REGRESSION, bootstrap/machine p=\\S+")
        .containsPattern(
            "NetworkReadyLatency network_ready \\(ms\\): REGRESSION, bootstrap/machine p=\\S+");
  }

  /**
   * The bridge work inside the ADDs of the two unchanged runs (the plugin's own ADD less the
   * injected delay) is what the machine alone makes of the same work. When other jobs load the
   * machine differently from run to run, it moves by more than the delay under test and no
   * comparison of the runs can be right: then the verdicts say nothing about {@code compare}, and
   * the test stops inconclusive. The slow run is left out: its longer ADDs overlap more on a node
   * and contend for the same locks (host-local's store, iptables), so its bridge work is slower for
   * a reason of its own (seen in CI: medians 69, 62 and 142 ms).
   */
  private static void assumeMachineSteady(DelayTruth... runs) {
    double[] medians = new double[runs.length];
    for (int i = 0; i < runs.length; i++) {
      medians[i] =
          runs[i].adds().values().stream()
              .mapToDouble(a -> a.addMillis() - a.addDelayMs())
              .sorted()
              .skip(runs[i].adds().size() / 2)
              .findFirst()
              .orElseThrow();
    }
    double min = java.util.Arrays.stream(medians).min().orElseThrow();
    double max = java.util.Arrays.stream(medians).max().orElseThrow();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        max - min < DELAY_MS / 2.0,
        "the machine's own ADD time moved by "
            + Math.round(max - min)
            + " ms between the runs (medians "
            + java.util.Arrays.toString(medians)
            + " ms), more than half the "
            + DELAY_MS
            + " ms under test: load from other jobs, inconclusive");
  }

  private static Path run(DelayCni cni, Path reports, int podsPerNode) {
    List<String> args =
        new ArrayList<>(
            LocalRuns.args(
                PREFIX,
                BASE,
                NODES,
                reports.toString(),
                "NODES=" + NODES,
                "PODS_PER_NODE=" + podsPerNode,
                "POD_QPS=" + POD_QPS,
                // The 1 s delay must not fail the run on the config's own latency threshold.
                ThresholdBreach.GENEROUS));
    args.addAll(cni.runOptions());
    CliRun run = CliRun.run("network-ready-latency.yaml", args);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    return reports;
  }
}
