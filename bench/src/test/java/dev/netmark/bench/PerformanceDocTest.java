package dev.netmark.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerformanceDocTest {
  private static final List<String> NAMES = List.of("throughput", "engine-scale", "accuracy");

  @TempDir Path dir;

  private String render() {
    return PerformanceMarkdown.render(
        NAMES, PerformanceDoc.read(dir, NAMES), PerformanceDoc.notes(dir, NAMES));
  }

  @Test
  void tableHasEveryHeadlineAndSaysWhichGoalsAreMissedAndWhy() throws Exception {
    new BenchResult("throughput", "hack/bench.sh throughput")
        .headline("network-ready pods/s over raw ADD/s", "ratio", 0.41, 0.39, 0.45)
        .goal(">= 0.8", false)
        .note("the probes and three shims share two cores")
        .detail("localPodsPerSecond", List.of(12.5, 13.0))
        .detail("raw", List.of(List.of(13.123456, 29.0)))
        .finish(dir);
    new BenchResult("engine-scale", "hack/bench.sh engine-scale")
        .headline("heap per tracked pod", "bytes", 198.0, 203.5, 198.2)
        .finish(dir);
    Files.writeString(dir.resolve("throughput.md"), "Local mode against the raw ADD rate.\n");

    String md = render();

    assertThat(md)
        .contains(
            "| [throughput](#throughput) | network-ready pods/s over raw ADD/s | 0.41 ratio |"
                + " 0.39–0.45, n=3 | >= 0.8 | **no** |")
        .contains("| [engine-scale](#engine-scale) | heap per tracked pod | 198.2 bytes |")
        .contains("| accuracy | not run yet |")
        .contains(
            "## throughput\n\nLocal mode against the raw ADD rate.\n\n**Goal not met** (>= 0.8):"
                + " the probes and three shims share two cores")
        .contains("- localPodsPerSecond: [12.5, 13]")
        .contains("- raw: [[13.123, 29]]")
        .contains("No result yet: run `sudo hack/bench.sh accuracy`");
  }

  @Test
  void sectionsOfNoBenchmarkFollowTheBenchmarksInFileNameOrder() throws Exception {
    Files.createDirectories(dir.resolve("sections"));
    Files.writeString(dir.resolve("sections/b-second.md"), "## Second\n\nB.\n");
    Files.writeString(dir.resolve("sections/a-first.md"), "## First\n\nA.\n");
    Files.writeString(dir.resolve("sections/ignored.txt"), "## Not Markdown\n");

    String md =
        PerformanceMarkdown.render(
            NAMES,
            PerformanceDoc.read(dir, NAMES),
            PerformanceDoc.notes(dir, NAMES),
            PerformanceDoc.sections(dir));

    assertThat(md)
        .endsWith(
            "No result yet: run `sudo hack/bench.sh accuracy`.\n\n## First\n\nA.\n\n"
                + "## Second\n\nB.\n")
        .doesNotContain("Not Markdown");
    assertThat(PerformanceDoc.sections(dir.resolve("none"))).isEmpty();
  }

  @Test
  void smokeResultsAreRefused() throws Exception {
    Files.writeString(
        dir.resolve("throughput.json"),
        "{\"name\":\"throughput\",\"smoke\":true,\"command\":\"c\",\"what\":\"w\",\"unit\":\"u\","
            + "\"value\":1.0,\"spread\":{},\"date\":\"d\"}");
    assertThatThrownBy(this::render)
        .hasMessageContaining("throughput.json is a smoke run")
        .hasMessageContaining("run hack/bench.sh throughput without --smoke");
  }

  @Test
  void brokenOrIncompleteFilesNameTheFileAndWhatIsWrong() throws Exception {
    Files.writeString(dir.resolve("throughput.json"), "{\"name\": ");
    assertThatThrownBy(this::render)
        .hasMessageContaining("throughput.json: not a benchmark result");
    Files.writeString(dir.resolve("throughput.json"), "{\"name\":\"throughput\",\"value\":1.0}");
    assertThatThrownBy(this::render)
        .hasMessageContaining("throughput.json: missing command, what, unit, spread, date");
    Files.writeString(
        dir.resolve("throughput.json"),
        "{\"name\":\"accuracy\",\"command\":\"c\",\"what\":\"w\",\"unit\":\"u\","
            + "\"value\":1.0,\"spread\":{},\"date\":\"d\"}");
    assertThatThrownBy(this::render)
        .hasMessageContaining("says it is benchmark 'accuracy', expected 'throughput'");
  }

  @Test
  void datesAreShownToTheMinute() {
    assertThat(PerformanceMarkdown.minute("2026-11-28T15:13:28.243002350Z"))
        .isEqualTo("2026-11-28 15:13Z");
    assertThat(PerformanceMarkdown.minute("yesterday")).isEqualTo("yesterday");
  }

  @Test
  void numbersKeepThreeDecimalsAtMost() {
    assertThat(PerformanceMarkdown.num(0.123456)).isEqualTo("0.123");
    assertThat(PerformanceMarkdown.num(13.0)).isEqualTo("13");
    assertThat(PerformanceMarkdown.num(2.5)).isEqualTo("2.5");
    assertThat(PerformanceMarkdown.num(Map.of())).isEqualTo("{}");
  }
}
