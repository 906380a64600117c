package dev.netmark.engine.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.engine.cli.NetmarkCommand;
import dev.netmark.engine.compare.MetricComparison.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tail tests, several runs per side, the config check and throughput's per-second test. */
class CompareTailsTest {
  private static final String CONFIG =
      """
      name: network-ready-latency
      # rendered 2026-12-05T10:00:00Z
      namespace:
        number: 3
      tuningSets:
      - name: Uniform
        qpsLoad:
          qps: 4
      """;

  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int compare(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "compare";
    System.arraycopy(args, 0, all, 1, args.length);
    return NetmarkCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(all);
  }

  private static Side side(Path... dirs) {
    return Side.read("test", List.of(dirs));
  }

  /** cni_add samples: {@code n} pods, every {@code every}-th one {@code factor} times slower. */
  private Path run(String name, long seed, int n, int every, double factor) throws Exception {
    double[] v = ReportDirs.latencies(seed, n, 300, 100, 1.0);
    for (int i = 0; every > 0 && i < n; i += every) {
      v[i] *= factor;
    }
    Path dir = ReportDirs.write(tmp.resolve(name), Map.of("cni_add", v), true);
    ReportDirs.config(dir, CONFIG);
    return dir;
  }

  @Test
  void aP99BlowUpWithAnUnchangedMedianIsARegression() throws Exception {
    // 1 pod in 20 ten times slower: the median stays, p99 explodes.
    Path a = run("a", 1, 300, 0, 1);
    Path b = run("b", 2, 300, 20, 10);

    RunComparison c = RunComparison.of(side(a), side(b), 0.10, 0.05);
    MetricComparison add = c.metrics().getFirst();
    assertThat(Math.abs(add.medianWorsening())).isLessThan(0.10);
    assertThat(add.tests())
        .extracting(StatTest::name)
        .containsExactly("median", "distribution", "p90", "p99");
    StatTest median = add.tests().get(0);
    StatTest p99 = add.tests().get(3);
    assertThat(median.outcome(0.05)).isEqualTo(StatTest.Outcome.NOT_SIGNIFICANT);
    assertThat(p99.outcome(0.05)).isEqualTo(StatTest.Outcome.REGRESSION);
    assertThat(p99.worsening()).isGreaterThan(3.0);
    assertThat(p99.lowRel()).isGreaterThan(1.0);
    assertThat(add.verdict()).isEqualTo(Verdict.REGRESSION);

    assertThat(compare(a.toString(), b.toString())).isEqualTo(1);
    assertThat(out.toString())
        .contains("NetworkReadyLatency cni_add (ms): REGRESSION, Mann-Whitney p=")
        .containsPattern("test p99: +worse by \\d+\\.\\d% \\(95% CI \\+\\d+\\.\\d%\\.\\.\\+\\d+")
        .containsPattern("bootstrap p=\\S+, Holm p=\\S+: REGRESSION \\(beyond 10\\.0%\\)")
        .endsWith("Verdict: REGRESSION in 1 metric(s): NetworkReadyLatency cni_add\n");
  }

  @Test
  void identicalRunsAreNotARegression() throws Exception {
    Path a = run("a", 1, 300, 0, 1);
    Path b = run("b", 1, 300, 0, 1);

    assertThat(compare(a.toString(), b.toString())).isZero();
    RunComparison c = RunComparison.of(side(a), side(b), 0.10, 0.05);
    assertThat(c.metrics().getFirst().tests())
        .allSatisfy(t -> assertThat(t.worsening()).isZero())
        .allSatisfy(t -> assertThat(t.pAdjusted()).isEqualTo(1.0));
    assertThat(out.toString()).endsWith("Verdict: no significant regression\n");
  }

  @Test
  void unchangedSmallRunsRarelyRaiseAFalseAlarm() throws Exception {
    // 100 pairs of 24-pod runs from one distribution (the size of the paced runs that once gave a
    // false alarm): at alpha 0.05 family-wise, no more than 5 may be called regressions.
    int alarms = 0;
    for (int i = 0; i < 100; i++) {
      Path a = run("u" + i + "a", 10 + 2L * i, 24, 0, 1);
      Path b = run("u" + i + "b", 11 + 2L * i, 24, 0, 1);
      alarms += RunComparison.of(side(a), side(b), 0.10, 0.05).regressions().size();
    }
    assertThat(alarms).isLessThanOrEqualTo(5);
  }

  @Test
  void aSixteenPercentShiftAtP004IsNotAnAlarmAfterHolm() throws Exception {
    // The false alarm of issue 12: cni_add median +16%, Mann-Whitney p=0.043, among 8 metrics.
    double[] base = ReportDirs.latencies(7, 24, 300, 100, 1.0);
    double[] cand = ReportDirs.shifted(ReportDirs.latencies(8, 24, 300, 100, 1.0), 1.16);
    Map<String, double[]> a = new java.util.TreeMap<>(Map.of("cni_add", base));
    Map<String, double[]> b = new java.util.TreeMap<>(Map.of("cni_add", cand));
    for (int m = 0; m < 7; m++) {
      a.put("probe_" + m, ReportDirs.latencies(100 + m, 24, 50, 20, 1.0));
      b.put("probe_" + m, ReportDirs.latencies(200 + m, 24, 50, 20, 1.0));
    }
    Path da = ReportDirs.write(tmp.resolve("a"), a, true);
    Path db = ReportDirs.write(tmp.resolve("b"), b, true);
    RunComparison c = RunComparison.of(side(da), side(db), 0.10, 0.05);
    StatTest median = c.metrics().getFirst().tests().getFirst();
    assertThat(median.pValue()).isLessThan(0.10);
    assertThat(median.pAdjusted()).isGreaterThan(0.05);
    assertThat(c.regressions()).isEmpty();
  }

  @Test
  void aConfigDifferenceIsRefusedUnlessAllowed() throws Exception {
    Path a = run("a", 1, 50, 0, 1);
    Path b = run("b", 2, 50, 0, 1);
    ReportDirs.config(
        b,
        CONFIG
            .replace("qps: 4", "qps: 10")
            .replace("2026-12-05T10:00:00Z", "2026-12-06T11:00:00Z")
            .replace("name: Uniform", "name: Paced"));

    assertThat(compare(a.toString(), b.toString())).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "netmark: the runs' rendered configs differ (names and times aside), so their numbers"
                + " measure different things; --allow-config-diff compares them anyway:\n"
                + "--- "
                + a
                + "\n+++ "
                + b
                + "\n-     qps: 4\n+     qps: 10\n");
    assertThat(compare(a.toString(), b.toString(), "--allow-config-diff")).isZero();
    assertThat(out.toString())
        .contains("note: rendered configs differ (--allow-config-diff):\n")
        .contains("  -     qps: 4\n  +     qps: 10\n");
  }

  @Test
  void threePodsASideCompletelyApartAreNotSignificant() {
    // Kolmogorov-Smirnov D = 1 for 3 vs 3 values: P(D >= 1) = 2 / C(6, 3) = 0.1, not 0.
    List<StatTest> tests =
        MetricTests.run(
            List.of(new double[] {1, 2, 3}),
            List.of(new double[] {4, 5, 6}),
            null,
            null,
            Direction.LOWER_IS_BETTER,
            false,
            0.95,
            0.10);
    StatTest ks = tests.get(1);
    assertThat(ks.name()).isEqualTo("distribution");
    assertThat(ks.statistic()).isEqualTo(1.0);
    assertThat(ks.pValue()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void namesAndTimesAloneAreNoConfigDifference() {
    List<String> a =
        ConfigDiff.normalized(
            List.of("name: t", "- name: netmark-20261128-132744-db37-3", "  at: 1767225600000"));
    List<String> b =
        ConfigDiff.normalized(
            List.of("name: u", "- name: netmark-20261205-101010-ab12-3", "  at: 1767225999999"));
    assertThat(ConfigDiff.diff(a, b)).isEmpty();
  }

  @Test
  void severalRunsPerSideJudgeTheChangeAgainstTheBaselineSpread() throws Exception {
    // Three baseline runs whose medians differ by about 30% from run to run, and candidates 20%
    // slower than the first: that is inside the baseline's own spread, so no regression, although
    // one pair alone, with a 10% tolerance, would call it one.
    Path[] base = new Path[3];
    double[] scale = {1.0, 1.15, 1.3};
    for (int i = 0; i < 3; i++) {
      base[i] =
          ReportDirs.write(
              tmp.resolve("base" + i),
              Map.of("cni_add", ReportDirs.latencies(30 + i, 200, 300, 50, scale[i])),
              true);
    }
    Path cand =
        ReportDirs.write(
            tmp.resolve("cand"),
            Map.of("cni_add", ReportDirs.latencies(40, 200, 300, 50, 1.2)),
            true);

    assertThat(RunComparison.of(side(base[0]), side(cand), 0.10, 0.05).regressions()).hasSize(1);
    RunComparison c = RunComparison.of(side(base), side(cand), 0.10, 0.05);
    assertThat(c.regressions()).isEmpty();
    assertThat(c.metrics().getFirst().tests().getFirst().minEffect()).isGreaterThan(0.2);
    assertThat(
            compare(
                "-b",
                base[0].toString(),
                "-b",
                base[1].toString(),
                "-b",
                base[2].toString(),
                "-c",
                cand.toString()))
        .isZero();
    assertThat(out.toString()).startsWith("netmark compare: baseline 3 runs [");
  }

  @Test
  void severalRunsASideAreTestedRunByRunNotPodByPod() throws Exception {
    // Six runs of one setup whose machine shifted every run by up to 2x, three against three
    // (alternating). Pooled pod by pod, Mann-Whitney calls that a change; drawing runs first does
    // not. Three candidates all 3x slower are a regression all the same.
    double[] scale = {1.0, 1.5, 1.9, 1.4, 1.2, 2.0};
    Path[] runs = new Path[6];
    double[][] values = new double[6][];
    for (int i = 0; i < 6; i++) {
      values[i] = ReportDirs.latencies(60 + i, 60, 300, 50, scale[i]);
      runs[i] = ReportDirs.write(tmp.resolve("run" + i), Map.of("cni_add", values[i]), true);
    }
    Side base = side(runs[0], runs[2], runs[4]);
    Side same = side(runs[1], runs[3], runs[5]);
    List<StatTest> pooled =
        MetricTests.run(
            List.of(Bootstrap.pooled(List.of(values[0], values[2], values[4]))),
            List.of(Bootstrap.pooled(List.of(values[1], values[3], values[5]))),
            null,
            null,
            Direction.LOWER_IS_BETTER,
            false,
            0.95,
            0.10);
    assertThat(pooled.getFirst().pValue()).isLessThan(0.01);

    RunComparison unchanged = RunComparison.of(base, same, 0.10, 0.05);
    assertThat(unchanged.regressions()).isEmpty();
    List<StatTest> tests = unchanged.metrics().getFirst().tests();
    assertThat(tests).extracting(StatTest::name).containsExactly("median", "p90", "p99");
    assertThat(tests.getFirst().method()).isEqualTo("bootstrap");
    assertThat(tests.getFirst().pValue()).isGreaterThan(0.05);

    Path[] slow = new Path[3];
    for (int i = 0; i < 3; i++) {
      slow[i] =
          ReportDirs.write(
              tmp.resolve("slow" + i),
              Map.of("cni_add", ReportDirs.latencies(70 + i, 60, 300, 50, 3 * scale[2 * i])),
              true);
    }
    assertThat(RunComparison.of(base, side(slow), 0.10, 0.05).regressions()).hasSize(1);
  }

  @Test
  void throughputIsTestedOnItsPerSecondSeries() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Path c = tmp.resolve("c");
    long[] steady = new long[30];
    Arrays.fill(steady, 4);
    long[] halved = new long[30];
    Arrays.fill(halved, 2);
    halved[0] = 3;
    long[] same = steady.clone();
    same[0] = 3;
    same[29] = 5;
    ReportDirs.throughput(a, 5, steady);
    ReportDirs.throughput(b, 2, halved);
    ReportDirs.throughput(c, 9, same);

    MetricComparison slower = RunComparison.of(side(a), side(b), 0.10, 0.05).metrics().getFirst();
    assertThat(slower.tests()).extracting(StatTest::name).containsExactly("per-second");
    assertThat(slower.medianWorsening())
        .isCloseTo(0.4917, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(slower.verdict()).isEqualTo(Verdict.REGRESSION);
    assertThat(RunComparison.of(side(a), side(c), 0.10, 0.05).regressions()).isEmpty();
    assertThat(compare(a.toString(), b.toString())).isEqualTo(1);
    assertThat(out.toString())
        .contains("NetworkReadyThroughput throughput (1/s): REGRESSION, Mann-Whitney p=")
        .contains("average worse by 49.2%");
  }

  @Test
  void positionalAndOptionDirectoriesDoNotMix() throws Exception {
    Path a = run("a", 1, 50, 0, 1);
    assertThat(compare(a.toString(), a.toString(), "-c", a.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("give BASELINE_DIR CANDIDATE_DIR, or --baseline DIR... --candidate DIR...");
    assertThat(compare("-b", a.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("need at least one baseline and one candidate report directory");
  }
}
