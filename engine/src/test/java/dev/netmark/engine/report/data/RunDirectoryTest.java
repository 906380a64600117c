package dev.netmark.engine.report.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.api.NetmarkException;
import dev.netmark.api.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run per report directory: what a reader refuses and what {@code netmark run} finds. */
class RunDirectoryTest {
  private static final String EARLIER = "2026-12-05T14:02:27Z";
  private static final String LATER = "2026-12-06T02:10:24Z";
  // Gathers 8 s after each start, as a real run's.
  private static final long EARLIER_GATHER = 1796479355000L;
  private static final long LATER_GATHER = 1796523032876L;

  @TempDir Path dir;

  @Test
  void aDirectoryWithTwoRunsIsRefusedNamingEachRunsFiles() throws Exception {
    run(EARLIER, EARLIER_GATHER, 568);
    run(LATER, LATER_GATHER, 356);

    assertThatThrownBy(() -> RunFilesReader.read(dir))
        .isInstanceOf(NetmarkException.class)
        .hasMessage(
            "report directory "
                + dir
                + " holds the files of 2 runs, which no reader can tell apart (summary.txt,"
                + " report.html and data/machine-reference.json are the last run's only):\n"
                + "  run started 2026-12-05T14:02:27Z:"
                + " NetworkReadyLatency_nrl_2026-12-05T14:02:27Z.json,"
                + " data/NetworkReadyLatency_samples_nrl_1796479355000.json\n"
                + "  run started 2026-12-06T02:10:24Z:"
                + " NetworkReadyLatency_nrl_2026-12-06T02:10:24Z.json, junit.xml,"
                + " data/NetworkReadyLatency_samples_nrl_1796523032876.json\n"
                + "give every run a directory of its own (netmark run refuses one that holds a"
                + " report); remove the files of the other runs, or the directory, to use it");
  }

  @Test
  void aJunitXmlOfAnotherStartThanThePerfdashFilesIsRefused() throws Exception {
    run(LATER, LATER_GATHER, 356);
    junit(EARLIER);

    assertThatThrownBy(() -> RunFilesReader.read(dir))
        .hasMessageContaining("holds the files of 2 runs")
        .hasMessageContaining("  run started 2026-12-05T14:02:27Z: junit.xml\n");
  }

  @Test
  void oneRunWithTwoGathersOfASummaryReads() throws Exception {
    run(LATER, LATER_GATHER, 356);
    samples(LATER_GATHER + 5000, 400);

    assertThat(RunFilesReader.read(dir))
        .extracting(Summary::name)
        .containsExactly("NetworkReadyLatency", "NetworkReadyLatency-2");
  }

  @Test
  void reportFilesAreWhatARunWouldMixWithNotItsLogs() throws Exception {
    assertThat(RunDirectory.reportFiles(dir.resolve("missing"))).isEmpty();
    Files.createDirectories(dir.resolve("logs"));
    Files.writeString(dir.resolve("logs/netmark.log"), "a run that never wrote its report\n");
    Files.writeString(dir.resolve("notes.txt"), "the user's\n");
    assertThat(RunDirectory.reportFiles(dir)).isEmpty();

    run(LATER, LATER_GATHER, 356);
    Files.writeString(dir.resolve("summary.txt"), "Verdict: PASS\n");
    Files.writeString(dir.resolve("data/machine-reference.json"), "{}");

    assertThat(RunDirectory.reportFiles(dir))
        .containsExactly(
            "NetworkReadyLatency_nrl_2026-12-06T02:10:24Z.json",
            "data/NetworkReadyLatency_samples_nrl_1796523032876.json",
            "data/machine-reference.json",
            "junit.xml",
            "summary.txt");
  }

  /** A run's perfdash file, samples file and junit.xml, as a run into {@code dir} leaves them. */
  private void run(String started, long gatherMs, double median) throws IOException {
    Files.writeString(
        dir.resolve("NetworkReadyLatency_nrl_" + started + ".json"),
        """
        {"version":"v1","dataItems":[{"data":{"Perc50":%s},"unit":"ms",
         "labels":{"Metric":"cni_add"}}]}"""
            .formatted(median));
    samples(gatherMs, median);
    junit(started);
  }

  private void samples(long gatherMs, double value) throws IOException {
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(
        dir.resolve("data/NetworkReadyLatency_samples_nrl_" + gatherMs + ".json"),
        """
        {"summary":"NetworkReadyLatency","sets":[{"labels":{"Metric":"cni_add"},"unit":"ms",
         "values":[%s,%s,%s]}]}"""
            .formatted(value, value, value));
  }

  private void junit(String started) throws IOException {
    Files.writeString(
        dir.resolve("junit.xml"),
        "<testsuites><testsuite name=\"nrl\" timestamp=\"" + started + "\"/></testsuites>");
  }
}
