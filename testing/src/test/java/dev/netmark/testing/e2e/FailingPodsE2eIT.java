package dev.netmark.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.testing.local.Clusters;
import dev.netmark.testing.local.host.MachineSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose 10 netperf pods all fail their CNI ADD (test resource {@code failing-cni}, which lets
 * the control pods through): the terminal gets the normal output plus a short diagnosis, at most 20
 * lines more, with no control characters (output here is not a terminal, as in CI); the details are
 * in the report's {@code logs/}.
 */
class FailingPodsE2eIT {
  private static final String PREFIX = "nmfp";
  private static final int BASE = 186;
  private static final int EXTRA_LINES = 20;

  @Test
  void tenFailingPodsCostAtMostTwentyTerminalLines(@TempDir Path tmp) throws Exception {
    Path[] cni =
        Clusters.userCni(
            tmp,
            FailingPodsE2eIT.class,
            "failing-cni/fail-tests",
            "failing-cni/conf/10-fail-tests.conflist");
    Path reports = tmp.resolve("report");
    MachineSnapshot before = Clusters.snapshot(PREFIX, BASE);
    List<String> args =
        new ArrayList<>(
            LocalRuns.sized(
                PREFIX,
                BASE,
                reports.toString(),
                2,
                5,
                20,
                "WAIT_TIMEOUT=20s",
                ThresholdBreach.GENEROUS));
    args.addAll(List.of("--cni-conf-dir", cni[0].toString(), "--cni-bin-dir", cni[1].toString()));

    // What reaches the terminal: the command's own streams and anything written to the process's.
    ByteArrayOutputStream stray = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    CliRun run;
    try {
      System.setOut(new PrintStream(stray, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stray, true, StandardCharsets.UTF_8));
      run = CliRun.run("network-ready-latency.yaml", args);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    String terminal = run.out() + run.err() + stray.toString(StandardCharsets.UTF_8);

    assertThat(run.exitCode()).as(terminal).isEqualTo(1);
    // Normal output: the first line, progress lines, summary.txt in full and where the reports are.
    String summary = Files.readString(reports.resolve("summary.txt"));
    List<String> extra = new ArrayList<>(terminal.lines().toList());
    summary.lines().forEach(extra::remove);
    extra.removeIf(
        l ->
            l.startsWith("netmark: running ")
                || l.startsWith("Reports: ")
                || l.matches("steps\\[\\d+\\]\\.\\w+.*: .*, \\d+s elapsed"));
    assertThat(extra).as(terminal).hasSizeLessThanOrEqualTo(EXTRA_LINES);
    assertThat(terminal)
        .contains("\nDiagnosis:\n")
        .containsPattern("  \\d+ pods? on " + PREFIX + "-node\\d: FailedCreatePodSandBox: ")
        .contains("Logs: " + reports.resolve("logs").toAbsolutePath())
        .doesNotContain("\tat ");
    assertThat(terminal.chars().filter(c -> c < 0x20 && c != '\n'))
        .as("control characters in %s", terminal)
        .isEmpty();
    // The details are in logs/netmark.log: the kubelets' state changes and the lines of the
    // shims, which the default hosts in netmark's JVM (with shims=processes each node's shim
    // writes logs/NODE-shim.log).
    assertThat(Files.readString(reports.resolve("logs/netmark.log")))
        .contains("RunPodSandbox failing: ")
        .contains("injected failure")
        .containsPattern("SandboxService - ADD attempt 1 of .* failed: .*injected failure")
        // The plugins of shims hosted in netmark's JVM carry local mode's process mark, as those
        // of a shim process do through its environment: a killed run's are found by the next.
        .contains("test pods fail on purpose (marked " + PREFIX + ")");
    assertThat(before.differences(Clusters.snapshot(PREFIX, BASE))).isEmpty();
  }
}
