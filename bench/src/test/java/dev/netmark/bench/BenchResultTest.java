package dev.netmark.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchResultTest {
  @TempDir Path dir;

  @Test
  void headlineIsTheMedianOfRepetitionsWithTheirSpread() throws Exception {
    new BenchResult("shim-overhead", "hack/bench.sh shim-overhead")
        .headline("ratio of medians", "ratio", 1.3, 1.1, 1.2, 1.0)
        .goal("<= 1.10", false)
        .note("the shim forks twice")
        .detail("pods", 20)
        .finish(dir);
    Map<String, Map<String, Object>> read = PerformanceDoc.read(dir, List.of("shim-overhead"));
    Map<String, Object> json = read.get("shim-overhead");
    assertThat(json.get("value")).isEqualTo(1.15);
    assertThat(json.get("spread")).isEqualTo(Map.of("min", 1.0, "max", 1.3, "n", 4));
    assertThat(json.get("goalMet")).isEqualTo(false);
    assertThat(json.get("note")).isEqualTo("the shim forks twice");
    assertThat(json.get("details")).isEqualTo(Map.of("pods", 20));
    assertThat(json).containsKeys("date", "machine", "load", "command", "smoke");
  }

  @Test
  void aHeadlineValueOtherThanTheMedianKeepsTheRepetitionsAsItsSpread() throws Exception {
    BenchResult r =
        new BenchResult("accuracy", "c").headlineValue("worst pair's median", "ms", 2.8, 3.7, 3.1);
    assertThat(r.headlineLine()).startsWith("accuracy: 2.800 ms");
    assertThat(r.headlineLine()).contains("min 3.100, max 3.700, n=2");
    assertThatThrownBy(
            () -> new BenchResult("accuracy", "c").headlineValue("err", "ms", Double.NaN, 1))
        .hasMessageContaining("not finite");
  }

  @Test
  void headlineLineEndsWithTheGoalVerdict() {
    BenchResult r =
        new BenchResult("throughput", "c").headline("ratio", "ratio", 0.5).goal(">= 0.8", false);
    assertThat(r.headlineLine())
        .startsWith("throughput: 0.500 ratio (ratio; min 0.500, max 0.500, n=1)")
        .endsWith("goal >= 0.8 NOT met");
  }

  @Test
  void aCountIsPrintedAsAWholeNumber() {
    BenchResult r =
        new BenchResult("fault-soak", "c")
            .count("defects of all kinds", "defects", 3)
            .goal("0", false);
    assertThat(r.headlineLine())
        .isEqualTo("fault-soak: 3 defects (defects of all kinds), goal 0 NOT met");
  }

  @Test
  void badHeadlinesAreRefusedWithTheBenchmarksName() {
    assertThatThrownBy(() -> new BenchResult("accuracy", "c").headline("err", "ms"))
        .hasMessageContaining("accuracy")
        .hasMessageContaining("needs a repetition");
    assertThatThrownBy(() -> new BenchResult("accuracy", "c").headline("err", "ms", 1, Double.NaN))
        .hasMessageContaining("NaN")
        .hasMessageContaining("'err'");
    assertThatThrownBy(() -> new BenchResult("accuracy", "c").finish(dir))
        .hasMessageContaining("without a headline");
    assertThat(Files.exists(dir.resolve("accuracy.json"))).isFalse();
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(BenchResult.median(new double[] {1, 2, 9})).isEqualTo(2);
    assertThat(BenchResult.median(new double[] {1, 2, 4, 9})).isEqualTo(3);
  }
}
