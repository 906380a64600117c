package dev.netmark.measurements.network;

import static dev.netmark.measurements.network.Fixture.S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.Summary;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The samples file a gather leaves in data/: the values the percentiles were computed from. */
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
    JsonNode json = new JsonMapper().readTree(Files.readString(file));
    assertThat(json.get("summary").asString()).isEqualTo("NetworkReadyLatency");
    assertThat(json.get("gatherMs").asLong()).isEqualTo(gather);
    List<String> metrics = new ArrayList<>();
    json.get("sets").forEach(set -> metrics.add(set.get("labels").get("Metric").asString()));
    // One set per data item, in item order.
    assertThat(metrics)
        .containsExactlyElementsOf(
            s.dataItems().stream().map(i -> i.labels().get("Metric")).toList());
    // cni_add of p1..p5 as in NetworkReadyLatencyTest: 30, 40, 50, 20, 200 ms.
    assertThat(values(json, "cni_add")).containsExactlyInAnyOrder(30.0, 40.0, 50.0, 20.0, 200.0);
    // create_to_network_ready: 1060, 1100, 1080, 1150 ms.
    assertThat(values(json, "create_to_network_ready"))
        .containsExactlyInAnyOrder(1060.0, 1100.0, 1080.0, 1150.0);
    assertThat(json.get("sets").get(0).get("unit").asString()).isEqualTo("ms");
  }

  @Test
  void emptySetsWriteNoFile() {
    var window = new Window(S, S + 1000, new PodFold(), null, null, reportDir, "t", () -> null);
    List<String> notes =
        new SampleSets("X").add(Map.of("Metric", "m"), "ms", List.of()).write(window);
    assertThat(notes).isEmpty();
    assertThat(reportDir.resolve("data")).doesNotExist();
  }

  private static List<Double> values(JsonNode json, String metric) {
    List<Double> out = new ArrayList<>();
    json.get("sets")
        .forEach(
            set -> {
              if (set.get("labels").get("Metric").asString().equals(metric)) {
                set.get("values").forEach(v -> out.add(v.asDouble()));
              }
            });
    return out;
  }
}
