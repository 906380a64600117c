package dev.netmark.engine.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.engine.cli.NetmarkCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code netmark compare --metrics} (docs/design.md, "Comparing runs"): a gate that names the
 * metrics it fails on tests only those, with Holm's adjustment over their tests alone.
 */
class GatedMetricsCompareTest {
  private static final int PODS = 24;

  /** Metrics beside cni_add, each with samples: the family a gate no longer pays for. */
  private static final List<String> OTHERS =
      List.of(
          "network_ready",
          "probe_same_node",
          "probe_remote_node",
          "probe_service",
          "probe_external",
          "probe_wait",
          "create_to_network_ready",
          "cni_add_total");

  @TempDir Path tmp;

  /**
   * A run: cni_add with {@code addDelayMs} added to every 4th pod, probe_same_node with {@code
   * probeDelayMs} added to every pod, the other metrics unchanged in distribution.
   */
  private Path run(String name, long seed, double addDelayMs, double probeDelayMs)
      throws Exception {
    Map<String, double[]> metrics = new LinkedHashMap<>();
    double[] add = ReportDirs.latencies(seed, PODS, 120, 40, 1);
    for (int i = 0; i < PODS; i += 4) {
      add[i] += addDelayMs;
    }
    metrics.put("cni_add", add);
    for (int m = 0; m < OTHERS.size(); m++) {
      double[] v = ReportDirs.latencies(seed * 31 + m, PODS, 120, 40, 1);
      if (OTHERS.get(m).equals("probe_same_node")) {
        for (int i = 0; i < PODS; i++) {
          v[i] += probeDelayMs;
        }
      }
      metrics.put(OTHERS.get(m), v);
    }
    return ReportDirs.write(tmp.resolve(name), metrics, true);
  }

  private static Compare.Outcome compare(Path a, Path b, Set<String> metrics) {
    return Compare.run(
        List.of(a), List.of(b), new Compare.Options(0.10, 0.05, false, false, false, metrics));
  }

  @Test
  void aMetricTheGateDoesNotNameIsShownButNeverARegression() throws Exception {
    Path a = run("a", 1, 0, 0);
    Path b = run("b", 2, 0, 200);

    Compare.Outcome all = compare(a, b, Set.of());
    Compare.Outcome gated = compare(a, b, Set.of("cni_add", "network_ready"));

    assertThat(all.exitCode()).isEqualTo(1);
    assertThat(all.text())
        .contains("REGRESSION in 1 metric(s): NetworkReadyLatency probe_same_node");
    assertThat(gated.exitCode()).isZero();
    assertThat(gated.text())
        .contains("NetworkReadyLatency probe_same_node (ms): not tested (not in --metrics)")
        .contains(
            "9 metrics compared, 2 tested on samples with 6 tests (tolerance 10.0%, alpha 0.05"
                + " family-wise, Holm over the tests of --metrics cni_add,network_ready)")
        .endsWith("Verdict: no significant regression\n");
  }

  @Test
  void holmOverTheGatedTestsAloneFindsWhatTheWholeFamilyMisses() throws Exception {
    // 27 tests (9 metrics x 3: no p99 test of 24 pods, which is their maximum) ask p < 0.05/27 of
    // the smallest; cni_add's 3 ask 0.05/3. (At +80 ms only the test of the maximum found it.)
    Path a = run("a", 1, 0, 0);
    Path b = run("b", 2, 120, 0);

    Compare.Outcome all = compare(a, b, Set.of());
    Compare.Outcome gated = compare(a, b, Set.of("cni_add"));

    assertThat(all.exitCode()).isZero();
    assertThat(all.text()).contains("with 27 tests");
    assertThat(gated.exitCode()).isEqualTo(1);
    assertThat(gated.text())
        .contains("with 3 tests")
        .endsWith("Verdict: REGRESSION in 1 metric(s): NetworkReadyLatency cni_add\n");
  }

  @Test
  void unchangedRunsGatedOnOneMetricRarelyRaiseAFalseAlarm() throws Exception {
    // 60 unchanged pairs: at alpha 0.05 family-wise over cni_add's tests, at most 3 alarms.
    int alarms = 0;
    for (int i = 0; i < 60; i++) {
      Path a = run("u" + i + "a", 10 + 2L * i, 0, 0);
      Path b = run("u" + i + "b", 11 + 2L * i, 0, 0);
      alarms += compare(a, b, Set.of("cni_add")).exitCode();
    }
    assertThat(alarms).isLessThanOrEqualTo(3);
  }

  @Test
  void aMetricNameWithoutSamplesIsRefusedNamingTheFlag() throws Exception {
    Path a = run("a", 1, 0, 0);
    Path b = run("b", 2, 0, 0);

    assertThatThrownBy(() -> compare(a, b, Set.of("cni_add", "cni_ad")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--metrics cni_ad: no such metric with samples in both sides")
        .hasMessageContaining("cni_add, cni_add_total, create_to_network_ready, network_ready");
  }

  @Test
  void theCommandLineTakesMetricsAndNamesTheFlagOnABadValue() throws Exception {
    Path a = run("a", 1, 0, 0);
    Path b = run("b", 2, 0, 200);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli =
        NetmarkCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));

    assertThat(cli.execute("compare", "--metrics", "cni_add,network_ready", a + "", b + ""))
        .isZero();
    assertThat(out.toString()).contains("not tested (not in --metrics)");
    assertThat(cli.execute("compare", "--metrics", "cni_add, ,network_ready", a + "", b + ""))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--metrics needs metric names separated by commas");
    assertThat(cli.execute("compare", "--metrics", "nope", a + "", b + "")).isEqualTo(2);
    assertThat(err.toString()).contains("--metrics nope: no such metric");
  }
}
