package dev.netmark.engine.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A percentile is tested only where it lies below the samples' maximum. */
class TailEstimableTest {
  @TempDir Path tmp;

  @Test
  void aPercentileIsEstimableOnceItsRankIsBelowTheMaximum() {
    assertThat(MetricTests.estimable(99, 99)).isFalse();
    assertThat(MetricTests.estimable(99, 100)).isTrue();
    assertThat(MetricTests.estimable(90, 9)).isFalse();
    assertThat(MetricTests.estimable(90, 10)).isTrue();
    assertThat(MetricTests.estimable(50, 3)).isTrue();
    assertThat(MetricTests.fewestFor(99)).isEqualTo(100);
    assertThat(MetricTests.fewestFor(90)).isEqualTo(10);
  }

  @Test
  void aLargerMaximumOfAFewDozenSamplesIsNoRegression() throws Exception {
    // Two runs of one distribution, 36 samples each; the candidate's largest sample alone is
    // 50% above the baseline's: its "p99" is that maximum. A bootstrap called this p=0.0005.
    double[] base = ReportDirs.latencies(3, 36, 3, 0.5, 1.0);
    double[] cand = ReportDirs.latencies(4, 36, 3, 0.5, 1.0);
    double baseMax = Arrays.stream(base).max().orElseThrow();
    int top = 0;
    for (int i = 1; i < cand.length; i++) {
      top = cand[i] > cand[top] ? i : top;
    }
    cand[top] = 1.5 * baseMax;
    Compare.Outcome o =
        Compare.run(
            List.of(ReportDirs.write(tmp.resolve("a"), Map.of("cni_add", base), true)),
            List.of(ReportDirs.write(tmp.resolve("b"), Map.of("cni_add", cand), true)),
            Compare.Options.defaults());
    assertThat(o.text())
        .doesNotContain("test p99:           worse")
        .contains(
            "test p99:           not tested: fewer than 100 samples on a side, so p99 is their"
                + " maximum")
        .contains("test p90:");
    assertThat(o.exitCode()).isZero();
  }

  @Test
  void withAHundredSamplesASideP99IsTested() throws Exception {
    double[] base = ReportDirs.latencies(5, 100, 3, 0.5, 1.0);
    double[] cand = ReportDirs.latencies(6, 100, 3, 0.5, 1.0);
    Compare.Outcome o =
        Compare.run(
            List.of(ReportDirs.write(tmp.resolve("a"), Map.of("cni_add", base), true)),
            List.of(ReportDirs.write(tmp.resolve("b"), Map.of("cni_add", cand), true)),
            Compare.Options.defaults());
    assertThat(o.text()).contains("test p99:").doesNotContain("not tested: fewer than");
  }
}
