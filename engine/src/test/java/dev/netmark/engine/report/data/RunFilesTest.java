package dev.netmark.engine.report.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.DataFile;
import dev.netmark.api.ReportFiles;
import dev.netmark.api.SampleSet;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import dev.netmark.api.SummaryData;
import dev.netmark.api.TimeSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** A run's model written by {@link RunFiles} and read back by {@link RunFilesReader}. */
class RunFilesTest {
  private static final Instant STARTED = Instant.parse("2026-03-04T05:06:07Z");
  private static final String TEST = "e2e_pod_count";

  @TempDir Path dir;

  private static DataItem item(String metric, double perc50) {
    return new DataItem(Map.of("Perc50", perc50, "Count", 3.0), "ms", Map.of("Metric", metric));
  }

  private static SampleSet samples(String metric, double... values) {
    return new SampleSet(Map.of("Metric", metric), "ms", values);
  }

  private static List<Summary> model() {
    Map<String, Object> perPod = new LinkedHashMap<>();
    perPod.put("pod", "p-1");
    perPod.put("bits", 1e9);
    return List.of(
        new Summary("ControlPlane", List.of(), List.of(), List.of("notes only: no files")),
        // A plugin's summary with _ in its name, in a test whose name has _ too.
        new Summary("Pod_Count", List.of(item("pods_ready", 2)))
            .withData(
                new SummaryData(
                    1000, List.of(samples("pods_ready", 1, 2, 3)), List.of(), List.of())),
        new Summary("NetworkReadyLatency", List.of(item("cni_add", 5)))
            .withData(
                new SummaryData(1000, List.of(samples("cni_add", 4, 5, 6)), List.of(), List.of())),
        new Summary("NetworkReadyThroughput", List.of(item("throughput", 2)))
            .withData(
                new SummaryData(
                    1500,
                    List.of(),
                    List.of(
                        new TimeSeries(
                            1000, 1000, new long[] {0, 2, 1}, Map.of("n1", new long[] {0, 2, 1}))),
                    List.of(new DataFile("pods", List.of(perPod))))),
        new Summary("NetworkReadyLatency", List.of(item("cni_add", 7)))
            .withData(
                new SummaryData(2000, List.of(samples("cni_add", 7, 8)), List.of(), List.of())));
  }

  @Test
  void aWrittenModelReadsBackToTheSameSummariesKeysAndData() throws Exception {
    List<Summary> model = model();
    List<Path> written = RunFiles.write(dir, TEST, STARTED, model);
    Files.writeString(
        dir.resolve("junit.xml"), "<testsuites><testsuite name=\"" + TEST + "\"/></testsuites>");

    assertThat(written.stream().map(p -> dir.relativize(p).toString()))
        .containsExactly(
            "Pod_Count_e2e_pod_count_2026-03-04T05:06:07Z.json",
            "NetworkReadyLatency_e2e_pod_count_2026-03-04T05:06:07Z.json",
            "NetworkReadyThroughput_e2e_pod_count_2026-03-04T05:06:07Z.json",
            "NetworkReadyLatency-2_e2e_pod_count_2026-03-04T05:06:07Z.json",
            "data/Pod_Count_samples_e2e_pod_count_1000.json",
            "data/NetworkReadyLatency_samples_e2e_pod_count_1000.json",
            "data/NetworkReadyThroughput_timeseries_e2e_pod_count_1500.json",
            "data/NetworkReadyThroughput_pods_e2e_pod_count_1500.json",
            "data/NetworkReadyLatency_samples_e2e_pod_count_2000.json");

    List<Summary> read = RunFilesReader.read(dir);

    // Read back in file-name order, each under its key; the notes-only summary has no file.
    assertThat(read)
        .extracting(Summary::name)
        .containsExactly(
            "NetworkReadyLatency-2", "NetworkReadyLatency", "NetworkReadyThroughput", "Pod_Count");
    List<Summary> withItems = model.subList(1, model.size());
    List<String> keys = SummaryKeys.of(withItems.stream().map(Summary::name).toList());
    for (int i = 0; i < withItems.size(); i++) {
      Summary want = withItems.get(i);
      String key = keys.get(i);
      Summary got = read.stream().filter(s -> s.name().equals(key)).findFirst().orElseThrow();
      assertThat(got.dataItems()).isEqualTo(want.dataItems());
      assertThat(got.data().gatherMs()).isEqualTo(want.data().gatherMs());
      assertThat(got.data().samples()).hasSameSizeAs(want.data().samples());
      for (int k = 0; k < want.data().samples().size(); k++) {
        SampleSet w = want.data().samples().get(k);
        SampleSet g = got.data().samples().get(k);
        assertThat(g.labels()).isEqualTo(w.labels());
        assertThat(g.unit()).isEqualTo(w.unit());
        assertThat(g.values()).containsExactly(w.values());
      }
      assertThat(got.data().series()).hasSameSizeAs(want.data().series());
      for (int k = 0; k < want.data().series().size(); k++) {
        TimeSeries w = want.data().series().get(k);
        TimeSeries g = got.data().series().get(k);
        assertThat(g.originMs()).isEqualTo(w.originMs());
        assertThat(g.intervalMs()).isEqualTo(w.intervalMs());
        assertThat(g.total()).containsExactly(w.total());
        assertThat(g.perNode().get("n1")).containsExactly(w.perNode().get("n1"));
      }
      JsonMapper json = JsonMapper.builder().build();
      assertThat(got.data().files().stream().map(f -> f.kind() + json.valueToTree(f.content())))
          .containsExactlyElementsOf(
              want.data().files().stream()
                  .map(f -> f.kind() + json.valueToTree(f.content()))
                  .toList());
    }
  }

  @Test
  void withoutJunitXmlTheTestNameIsTheLastPartBeforeTheTimestamp() throws Exception {
    RunFiles.write(dir, "e2e", STARTED, model());

    List<Summary> read = RunFilesReader.read(dir);

    assertThat(read).extracting(Summary::name).contains("Pod_Count");
    Summary pods =
        read.stream().filter(s -> s.name().equals("Pod_Count")).findFirst().orElseThrow();
    assertThat(pods.data().samples().getFirst().values()).containsExactly(1, 2, 3);
  }

  @Test
  void namesAreMadeOnePathSegmentInOnePlace() {
    assertThat(ReportFiles.perfdash("a/b c", "t<1>", STARTED))
        .isEqualTo("a-b-c_t-1-_2026-03-04T05:06:07Z.json");
    assertThat(ReportFiles.data("a/b", "samples", "t 1", 7).toString())
        .isEqualTo("data/a-b_samples_t-1_7.json");
    assertThat(SummaryKeys.of(List.of("A", "A", "A-2", "b/c")))
        .containsExactly("A", "A-2", "A-2-2", "b-c");
  }
}
