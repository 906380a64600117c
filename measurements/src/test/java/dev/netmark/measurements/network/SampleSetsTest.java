package dev.netmark.measurements.network;

import static dev.netmark.measurements.network.Fixture.S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.SampleSet;
import dev.netmark.api.Summary;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The samples a gather hands over with its summary: the values the percentiles were computed from.
 */
class SampleSetsTest {
  @TempDir Path reportDir;

  @Test
  void networkReadyLatencyWritesTheSamplesOfEveryItem() throws Exception {
    RecordedSource source = RecordedSource.load("NetworkReadyLatency/two-nodes.jsonl");
    var kube =
        FakeKube.listing(
            "netperf=true",
            new Pod[] {
              FakeKube.pod("nm-1", "p1", "u1", S),
              FakeKube.pod("nm-1", "p2", "u2", S + 1000),
              FakeKube.pod("nm-1", "p4", "u4", S + 2000),
              FakeKube.pod("nm-1", "p5", "u5", S + 3000)
            });
    Fixture f =
        new Fixture(
            new NetworkReadyLatency(),
            new Fixture.Context(kube, source, List.of("nm-1"), reportDir));
    long gather = S + 70_000;
    Summary s = f.run(source, gather, Map.of(), Map.of("requireConsistent", false));

    Path file = reportDir.resolve("data/NetworkReadyLatency_samples_t_" + gather + ".json");
    assertThat(s.notes()).contains("per-pod samples: " + file);
    // Held with the summary; the engine writes the file when it writes the reports.
    assertThat(file).doesNotExist();
    assertThat(s.data().gatherMs()).isEqualTo(gather);
    // One set per data item, in item order.
    assertThat(s.data().samples())
        .extracting(SampleSet::metric)
        .containsExactlyElementsOf(
            s.dataItems().stream().map(i -> i.labels().get("Metric")).toList());
    // cni_add of p1..p5 as in NetworkReadyLatencyTest: 30, 40, 50, 20, 200 ms.
    assertThat(values(s, "cni_add")).containsExactlyInAnyOrder(30.0, 40.0, 50.0, 20.0, 200.0);
    // create_to_network_ready: 1060, 1100, 1080, 1150 ms.
    assertThat(values(s, "create_to_network_ready"))
        .containsExactlyInAnyOrder(1060.0, 1100.0, 1080.0, 1150.0);
    assertThat(s.data().samples().getFirst().unit()).isEqualTo("ms");
  }

  @Test
  void emptySetsAreLeftOutAndNamedInNoNote() {
    var window = new Window(S, S + 1000, new PodFold(), null, null, reportDir, "t", () -> null);
    SampleSets sets = new SampleSets("X").add(Map.of("Metric", "m"), "ms", List.of());
    assertThat(sets.notes(window)).isEmpty();
    assertThat(sets.data(window).isEmpty()).isTrue();
  }

  private static List<Double> values(Summary s, String metric) {
    List<Double> out = new ArrayList<>();
    s.data().samples().stream()
        .filter(set -> set.metric().equals(metric))
        .forEach(set -> Arrays.stream(set.values()).forEach(out::add));
    return out;
  }
}
