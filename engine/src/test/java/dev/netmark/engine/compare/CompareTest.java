package dev.netmark.engine.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.engine.cli.NetmarkCommand;
import dev.netmark.engine.compare.MetricComparison.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareTest {
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
    return Side.read("test", java.util.List.of(dirs));
  }

  private Path run(String name, long seed, double scale, int n) throws Exception {
    return ReportDirs.write(
        tmp.resolve(name),
        Map.of(
            "cni_add", ReportDirs.latencies(seed, n, 30, 10, scale),
            "network_ready", ReportDirs.latencies(seed + 1000, n, 60, 20, scale)),
        true);
  }

  @Test
  void twoRunsOfTheSameDistributionDoNotRegress() throws Exception {
    Path a = run("a", 1, 1.0, 300);
    Path b = run("b", 2, 1.0, 300);

    assertThat(compare(a.toString(), b.toString())).isZero();
    RunComparison c = RunComparison.of(side(a), side(b), 0.10, 0.05);
    assertThat(c.metrics()).hasSize(2).allMatch(MetricComparison::tested);
    assertThat(c.metrics()).extracting(MetricComparison::verdict).containsOnly(Verdict.SAME);
    assertThat(c.metrics()).allMatch(m -> m.pValue() > 0.05);
    assertThat(out.toString())
        .contains("NetworkReadyLatency cni_add (ms): no significant change, Mann-Whitney p=")
        .contains(
            "2 metrics compared, 2 tested on samples with 8 tests (tolerance 10.0%, alpha 0.05"
                + " family-wise, Holm)")
        .endsWith("Verdict: no significant regression\n");
  }

  @Test
  void aThirtyPercentShiftIsARegression() throws Exception {
    Path a = run("a", 1, 1.0, 300);
    Path b = run("b", 2, 1.3, 300);

    assertThat(compare(a.toString(), b.toString())).isEqualTo(1);
    RunComparison c = RunComparison.of(side(a), side(b), 0.10, 0.05);
    assertThat(c.regressions()).hasSize(2);
    MetricComparison add = c.metrics().getFirst();
    assertThat(add.key().display()).isEqualTo("NetworkReadyLatency cni_add");
    assertThat(add.pValue()).isLessThan(1e-6);
    // Medians of floor + exponential tail scale by the factor: about +30% (sampling noise aside).
    assertThat(add.medianWorsening()).isBetween(0.2, 0.4);
    assertThat(add.stats())
        .extracting(StatChange::stat)
        .containsExactly("Perc50", "Perc90", "Perc99", "Max", "Count");
    assertThat(out.toString())
        .contains("NetworkReadyLatency cni_add (ms): REGRESSION, Mann-Whitney p=")
        .contains(
            "Verdict: REGRESSION in 2 metric(s): NetworkReadyLatency cni_add;"
                + " NetworkReadyLatency network_ready\n");
  }

  @Test
  void aSignificantShiftInsideTheToleranceIsNotFlagged() throws Exception {
    // 4000 samples make a 3% shift significant; the tolerance keeps it from counting.
    Path a = run("a", 1, 1.0, 4000);
    Path b = run("b", 2, 1.03, 4000);

    assertThat(compare(a.toString(), b.toString(), "--tolerance", "10%")).isZero();
    RunComparison c = RunComparison.of(side(a), side(b), 0.10, 0.05);
    MetricComparison ready = c.metrics().get(1);
    assertThat(ready.pValue()).isLessThan(0.05);
    assertThat(ready.medianWorsening()).isBetween(0.0, 0.10);
    assertThat(ready.verdict()).isEqualTo(Verdict.SAME);
    assertThat(out.toString())
        .contains(
            "NetworkReadyLatency network_ready (ms): significant, within tolerance, Mann-Whitney p=");
    // With a 1% tolerance the same shift is a regression.
    assertThat(compare(a.toString(), b.toString(), "--tolerance", "1%")).isEqualTo(1);
  }

  @Test
  void aMissingDirectoryIsBadUsage() throws Exception {
    Path a = run("a", 1, 1.0, 50);
    Path missing = tmp.resolve("nope");

    assertThat(compare(a.toString(), missing.toString())).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "netmark: the candidate report directory "
                + missing
                + " does not exist or is not a directory\n");
  }

  @Test
  void noCommonMetricIsBadUsage() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    ReportDirs.writeItem(a, "PodStartupLatency", "create_to_running", "ms", Map.of("Perc50", 1.0));
    ReportDirs.writeItem(b, "Timer", "phase", "ms", Map.of("Perc50", 1.0));

    assertThat(compare(a.toString(), b.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("no metric in common between " + a + " (1 metrics) and " + b);
    assertThat(compare(a.toString(), tmp.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("has no perfdash summaries (*.json)");
  }

  @Test
  void badOptionsAreBadUsage() throws Exception {
    Path a = run("a", 1, 1.0, 50);
    assertThat(compare(a.toString(), a.toString(), "--alpha", "1.5")).isEqualTo(2);
    assertThat(err.toString()).contains("--alpha must be in (0, 1), found 1.5");
    assertThat(compare(a.toString(), a.toString(), "--tolerance", "lots")).isEqualTo(2);
    assertThat(err.toString()).contains("expected a percentage such as 10%, found 'lots'");
  }

  @Test
  void withoutSamplesChangesAreShownButNotTested() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    // Throughput is better higher: 100 -> 50 pods/s is 50% worse.
    ReportDirs.writeItem(
        a,
        "NetworkReadyThroughput",
        "throughput",
        "1/s",
        Map.of("Average", 100.0, "Perc50", 100.0));
    ReportDirs.writeItem(
        b, "NetworkReadyThroughput", "throughput", "1/s", Map.of("Average", 50.0, "Perc50", 50.0));

    assertThat(compare(a.toString(), b.toString())).isZero();
    MetricComparison m = RunComparison.of(side(a), side(b), 0.1, 0.05).metrics().getFirst();
    assertThat(m.verdict()).isEqualTo(Verdict.UNTESTED_WORSE);
    assertThat(m.medianWorsening()).isEqualTo(0.5);
    assertThat(out.toString())
        .contains(
            "worse beyond tolerance, untested (no samples in both runs), median worse by 50.0%")
        .contains("  Average        100.000         50.000       -50.000    -50.0%");
  }

  @Test
  void strictFailsOnThroughputWorseBeyondTheTolerance() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Path c = tmp.resolve("c");
    // As NetworkReadyThroughput writes it: no percentiles, so the average is compared.
    Map<String, Double> base = Map.of("Average", 20.0, "Peak", 30.0, "Count", 100.0);
    ReportDirs.writeItem(a, "NetworkReadyThroughput", "throughput", "1/s", base);
    ReportDirs.writeItem(
        b,
        "NetworkReadyThroughput",
        "throughput",
        "1/s",
        Map.of("Average", 15.0, "Peak", 30.0, "Count", 100.0));
    ReportDirs.writeItem(
        c,
        "NetworkReadyThroughput",
        "throughput",
        "1/s",
        Map.of("Average", 19.0, "Peak", 25.0, "Count", 100.0));

    assertThat(compare(a.toString(), b.toString())).isZero();
    assertThat(out.toString())
        .contains(
            "worse beyond tolerance, untested (no samples in both runs), average worse by 25.0%");
    out.getBuffer().setLength(0);
    assertThat(compare(a.toString(), b.toString(), "--strict")).isEqualTo(1);
    assertThat(out.toString())
        .contains(
            "NetworkReadyThroughput throughput (1/s): REGRESSION (--strict), worse beyond"
                + " tolerance, untested")
        .contains("strict: untested metrics worse beyond the tolerance count")
        .contains("Verdict: REGRESSION in 1 metric(s): NetworkReadyThroughput throughput");
    // 5% worse is within the 10% tolerance, strict or not.
    out.getBuffer().setLength(0);
    assertThat(compare(a.toString(), c.toString(), "--strict")).isZero();
    assertThat(out.toString())
        .contains("within tolerance, untested")
        .contains("average worse by 5.0%");
  }
}
