package dev.netmark.engine.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.api.NetmarkException;
import dev.netmark.engine.cli.NetmarkCommand;
import dev.netmark.engine.report.MachineReference;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code netmark compare} relative to the machine reference (docs/design.md, "Machine reference"):
 * synthetic 24-pod runs as the paced local runs have, each with 15 timed bare ADDs.
 */
class MachineReferenceCompareTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int PODS = 24;

  @TempDir Path tmp;

  /**
   * A run whose machine is {@code slower} times slower than the first; {@code delayMs} added to
   * every 4th pod's ADD (the injected regression); {@code refScale} times the machine's slowdown
   * for the reference, null for none.
   */
  private Path run(String name, long seed, double slower, double delayMs, Double refScale)
      throws Exception {
    double[] add = ReportDirs.latencies(seed, PODS, 120, 40, slower);
    for (int i = 0; i < PODS; i += 4) {
      add[i] += delayMs;
    }
    Path dir = ReportDirs.write(tmp.resolve(name), Map.of("cni_add", add), true);
    if (refScale != null) {
      reference(dir, ReportDirs.latencies(seed + 1000, 15, 100, 20, slower * refScale));
    }
    return dir;
  }

  private static void reference(Path dir, double[] values) throws Exception {
    Path file = dir.resolve(MachineReference.FILE);
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        JSON.writeValueAsString(
            Map.of("metric", "machine_add", "unit", "ms", "how", "test", "values", values)));
  }

  private static Compare.Outcome compare(Path a, Path b) {
    return Compare.run(List.of(a), List.of(b), Compare.Options.defaults());
  }

  private static Compare.Outcome asMeasured(Path a, Path b) {
    return Compare.run(List.of(a), List.of(b), new Compare.Options(0.1, 0.05, false, false, true));
  }

  @Test
  void aMachineThreeTimesSlowerWithTheSameCniIsNoRegression() throws Exception {
    Path a = run("a", 1, 1, 0, 1.0);
    Path b = run("b", 2, 3, 0, 1.0);

    Compare.Outcome o = compare(a, b);

    assertThat(o.exitCode()).isZero();
    assertThat(o.text())
        .containsPattern("machine reference: machine_add median \\d+\\.\\d ms in the baseline")
        .containsPattern("the machine ran 2\\.\\d\\dx slower in the candidate")
        .containsPattern("warning: the machine's speed moved by x2\\.\\d\\d between the runs")
        .contains("relative to the machine")
        .contains("bootstrap/machine")
        .endsWith("Verdict: no significant regression\n");
    // The same runs judged as measured: the slower machine is a regression.
    assertThat(asMeasured(a, b))
        .satisfies(m -> assertThat(m.exitCode()).isEqualTo(1))
        .satisfies(
            m ->
                assertThat(m.text())
                    .contains("machine reference: not used (--as-measured)")
                    .contains("Verdict: REGRESSION"));
  }

  @Test
  void fiveHundredMillisecondsOnOneAddInFourOnAnEqualMachineIsARegression() throws Exception {
    Path a = run("a", 1, 1, 0, 1.0);
    Path b = run("b", 2, 1, 500, 1.0);

    Compare.Outcome o = compare(a, b);

    assertThat(o.exitCode()).isEqualTo(1);
    assertThat(o.text())
        .doesNotContain("warning:")
        .containsPattern("test p90: +worse by \\d+\\.\\d% relative to the machine")
        .containsPattern(
            "as measured worse by \\d+\\.\\d%, bootstrap/machine p=\\S+, Holm p=\\S+: REGRESSION")
        .endsWith("Verdict: REGRESSION in 1 metric(s): NetworkReadyLatency cni_add\n");
  }

  @Test
  void aSlowerMachineAndARealRegressionAtOnceIsARegression() throws Exception {
    Path a = run("a", 1, 1, 0, 1.0);
    Path b = run("b", 2, 3, 500, 1.0);

    Compare.Outcome o = compare(a, b);

    assertThat(o.exitCode()).isEqualTo(1);
    assertThat(o.text()).contains("warning: the machine's speed moved").contains("REGRESSION in 1");
  }

  @Test
  void worseRelativeToAFasterMachineButNotAsMeasuredIsNoRegression() throws Exception {
    // The reference sped up 2x, the CNI's numbers did not move (work that does not scale with the
    // machine): relative to it they doubled, as measured they did not.
    Path a = run("a", 1, 1, 0, 1.0);
    Path b = run("b", 2, 1, 0, 0.5);

    Compare.Outcome o = compare(a, b);

    assertThat(o.exitCode()).isZero();
    assertThat(o.text())
        .contains("x faster in the candidate")
        .containsPattern("test median: +worse by \\d+\\.\\d% relative to the machine")
        .contains("as measured worse by 8.4%, bootstrap/machine p=0.545")
        .endsWith("Verdict: no significant regression\n");
  }

  @Test
  void aRegressionMustBeBeyondTheMinimumEffectAsMeasuredToo() {
    StatTest relativeOnly =
        new StatTest(
            "p90", "bootstrap/machine", 0.001, 0.003, 0.5, 0.1, 0.3, 0.7, Double.NaN, 0.05);
    assertThat(relativeOnly.outcome(0.05)).isEqualTo(StatTest.Outcome.RELATIVE_ONLY);
    assertThat(relativeOnly.withMeasured(0.3).outcome(0.05)).isEqualTo(StatTest.Outcome.REGRESSION);
    assertThat(relativeOnly.withMeasured(Double.NaN).outcome(0.05))
        .isEqualTo(StatTest.Outcome.REGRESSION);
    StatTest better =
        new StatTest(
            "p90", "bootstrap/machine", 0.001, 0.003, -0.5, 0.1, -0.7, -0.3, Double.NaN, -0.05);
    assertThat(better.outcome(0.05)).isEqualTo(StatTest.Outcome.RELATIVE_ONLY);
    assertThat(better.withMeasured(-0.3).outcome(0.05)).isEqualTo(StatTest.Outcome.IMPROVEMENT);
  }

  @Test
  void aRunWithoutAReferenceIsJudgedAsMeasuredAndSaysSo() throws Exception {
    Path a = run("a", 1, 1, 0, 1.0);
    Path b = run("b", 2, 3, 0, null);

    Compare.Outcome o = compare(a, b);

    assertThat(o.exitCode()).isEqualTo(1);
    assertThat(o.text())
        .contains("machine reference: none in " + b + " (kubemark runs")
        .contains("latencies judged as measured")
        .doesNotContain("bootstrap/machine");
  }

  @Test
  void theReferenceItselfIsNoMetricToJudge() throws Exception {
    Path a = run("a", 1, 1, 0, 1.0);
    Path b = run("b", 2, 3, 0, 1.0);
    for (Path d : List.of(a, b)) {
      Files.writeString(
          d.resolve("RawBaseline_nrl_2026-01-01T00:00:00Z.json"),
          JSON.writeValueAsString(
              Map.of(
                  "version",
                  "v1",
                  "dataItems",
                  List.of(
                      Map.of(
                          "data",
                          Map.of("Perc50", d == a ? 100.0 : 300.0),
                          "unit",
                          "ms",
                          "labels",
                          Map.of("Metric", "machine_add", "Side", "machine"))))));
    }

    Compare.Outcome o =
        Compare.run(List.of(a), List.of(b), new Compare.Options(0.1, 0.05, true, false));

    assertThat(o.text()).doesNotContain("RawBaseline machine_add");
    assertThat(o.exitCode()).isZero();
  }

  @Test
  void unchangedRunsOnADriftingMachineRarelyRaiseAFalseAlarm() throws Exception {
    // 60 unchanged pairs, the machine 1x to 4x slower in either run: at alpha 0.05 family-wise,
    // no more than 3 may be called regressions (as measured, most would be).
    int alarms = 0;
    int asMeasured = 0;
    for (int i = 0; i < 60; i++) {
      double slowA = 1 + (i % 4);
      double slowB = 1 + ((i * 7 + 1) % 4);
      Path a = run("u" + i + "a", 10 + 2L * i, slowA, 0, 1.0);
      Path b = run("u" + i + "b", 11 + 2L * i, slowB, 0, 1.0);
      alarms += compare(a, b).exitCode();
      asMeasured += asMeasured(a, b).exitCode();
    }
    assertThat(alarms).isLessThanOrEqualTo(3);
    assertThat(asMeasured).isGreaterThan(20);
  }

  @Test
  void theCommandLineTakesAsMeasured() throws Exception {
    Path a = run("a", 1, 1, 0, 1.0);
    Path b = run("b", 2, 3, 0, 1.0);
    StringWriter out = new StringWriter();
    CommandLine cli =
        NetmarkCommand.commandLine(
            new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));

    assertThat(cli.execute("compare", "--as-measured", a.toString(), b.toString())).isEqualTo(1);
    assertThat(out.toString()).contains("machine reference: not used (--as-measured)");
  }

  @Test
  void aBadReferenceFileIsNamed() throws Exception {
    Path a = run("a", 1, 1, 0, null);
    Files.writeString(a.resolve(MachineReference.FILE), "{\"values\":[100, -1]}");

    assertThatThrownBy(() -> MachineReference.read(a))
        .isInstanceOf(NetmarkException.class)
        .hasMessageContaining(a.resolve(MachineReference.FILE) + ": values must be positive");
  }
}
