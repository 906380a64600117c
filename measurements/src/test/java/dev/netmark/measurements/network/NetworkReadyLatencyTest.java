package dev.netmark.measurements.network;

import static dev.netmark.measurements.network.Fixture.S;
import static dev.netmark.measurements.network.Fixture.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.api.ConfigException;
import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.SloViolation;
import dev.netmark.api.Summary.SloViolation.Bound;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NetworkReadyLatency/two-nodes.jsonl: in nm-1, p1 (node-a) ready at once; p2 (node-a) failed its
 * first ADD and was ready after a retry; p3 (node-b) failed its remote_node probe; p4 (node-b) was
 * ready and deleted; p5 (node-b) claims network_ready 150 ms < cni_add 200 ms. p6 is in another
 * namespace and p0 was ready before start: neither counts. node-c does not answer.
 */
class NetworkReadyLatencyTest {
  private static final long GATHER = S + 70_000;
  @TempDir Path reportDir;
  private RecordedSource source;

  @BeforeEach
  void setUp() {
    source =
        RecordedSource.load("NetworkReadyLatency/two-nodes.jsonl")
            .failing("node-c", "connection refused");
  }

  // Creation times: p1 at S, p2 at S+1s, p4 at S+2s, p5 at S+3s; p3 has none in the API.
  private Fixture fixture(String selector, boolean groupAOnly) {
    List<Pod> pods =
        new ArrayList<>(
            List.of(
                FakeKube.pod("nm-1", "p1", "u1", S), FakeKube.pod("nm-1", "p2", "u2", S + 1000)));
    if (!groupAOnly) {
      pods.add(FakeKube.pod("nm-1", "p4", "u4", S + 2000));
      pods.add(FakeKube.pod("nm-1", "p5", "u5", S + 3000));
    }
    var kube = FakeKube.listing(selector, pods.toArray(Pod[]::new));
    return new Fixture(
        new NetworkReadyLatency(), new Fixture.Context(kube, source, List.of("nm-1"), reportDir));
  }

  @Test
  void percentilesOfEveryLatencyFromRecords() throws InterruptedException {
    Summary s =
        fixture("netperf=true", false)
            .run(source, GATHER, Map.of(), Map.of("requireConsistent", false, "minCoverage", 2));

    // cni_add of p1..p5 = 30, 40, 50, 20, 200 ms; sorted 20 30 40 50 200; nearest rank of 5:
    // P50 = 3rd = 40, P90 = P99 = Max = 5th = 200.
    assertThat(item(s, "Metric", "cni_add").data())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("Perc50", 40.0, "Perc90", 200.0, "Perc99", 200.0, "Max", 200.0, "Count", 5.0));
    // cni_add_total: p2 includes its failed attempt: 20 30 50 200 1040 -> 50, 1040, 1040.
    assertThat(item(s, "Metric", "cni_add_total").data())
        .containsEntry("Perc50", 50.0)
        .containsEntry("Perc90", 1040.0)
        .containsEntry("Max", 1040.0);
    // network_ready of p1, p2, p4, p5 = 60 1100 80 150; sorted 60 80 150 1100: P50 = 2nd = 80.
    assertThat(item(s, "Metric", "network_ready").data())
        .containsEntry("Perc50", 80.0)
        .containsEntry("Perc90", 1100.0)
        .containsEntry("Count", 4.0);
    // probe_same_node: 2 3 3 1 -> sorted 1 2 3 3: P50 = 2, P90 = 3. remote_node: 5 6 4 -> 5, 6.
    assertThat(item(s, "Metric", "probe_same_node").data())
        .containsEntry("Perc50", 2.0)
        .containsEntry("Perc90", 3.0);
    assertThat(item(s, "Metric", "probe_remote_node").data())
        .containsEntry("Perc50", 5.0)
        .containsEntry("Max", 6.0)
        .containsEntry("Count", 3.0);
    // ready wall time minus creation: p1 1060, p2 2100-1000 = 1100, p4 3080-2000 = 1080,
    // p5 4150-3000 = 1150; sorted 1060 1080 1100 1150: P50 = 1080, P90 = 1150.
    assertThat(item(s, "Metric", "create_to_network_ready").data())
        .containsEntry("Perc50", 1080.0)
        .containsEntry("Perc90", 1150.0)
        .containsEntry("Count", 4.0);
    assertThat(item(s, "Metric", "cni_del").data()).containsEntry("Perc99", 45.0);
    assertThat(s.dataItems())
        .extracting(i -> i.labels().get("Metric"))
        .containsExactly(
            "cni_add",
            "cni_add_total",
            "probe_same_node",
            "probe_remote_node",
            "network_ready",
            "create_to_network_ready",
            "cni_del");
    assertThat(s.notes())
        .contains(
            "source: exact, from 21 per-pod records",
            "selected: 5 pods with records in namespaces nm-1",
            "coverage: 2 of 3 nodes answered; not answering: node-c (connection refused)");
    assertThat(s.notes())
        .anyMatch(
            n ->
                n.startsWith(
                    "consistency: 1 pods with network_ready < cni_add, e.g. nm-1/p5 on node-b"));
    assertThat(s.violations()).isEmpty();
  }

  @Test
  void startAsksWhereTheLogsEndInsteadOfReadingTheirHistory() throws InterruptedException {
    Summary s =
        fixture("netperf=true", false)
            .run(source, GATHER, Map.of(), Map.of("requireConsistent", false, "minCoverage", 2));

    assertThat(source.tails()).isEqualTo(1);
    assertThat(source.readsFromStart()).isZero();
    assertThat(item(s, "Metric", "cni_add").data()).containsEntry("Count", 5.0);
  }

  @Test
  void aNodeThatDoesNotAnswerFailsTheResultByDefault() throws InterruptedException {
    Summary s =
        fixture("netperf=true", false)
            .run(source, GATHER, Map.of(), Map.of("requireConsistent", false));

    // node-c should answer and does not: 2 of 3 is below the default, every node.
    assertThat(s.violations())
        .containsExactly(new SloViolation("coverage", "NodesAnswered", 3, 2, "nodes", Bound.MIN));
    assertThat(s.violations().getFirst())
        .hasToString("coverage NodesAnswered = 2.000 nodes is below the minimum 3.000 nodes");
  }

  @Test
  void minCoverageAsAFractionBelowAndAtTheMinimum() throws InterruptedException {
    // 0.9 of 3 nodes is 3 (rounded up): 2 answered is below it.
    Summary below =
        fixture("netperf=true", false)
            .run(source, GATHER, Map.of(), Map.of("requireConsistent", false, "minCoverage", 0.9));
    assertThat(below.violations())
        .containsExactly(new SloViolation("coverage", "NodesAnswered", 3, 2, "nodes", Bound.MIN));
  }

  @Test
  void minCoverageAtGatherWinsOverStartWithANote() throws InterruptedException {
    // Start allows 1 node, gather asks for all 3: the gather's applies.
    Summary s =
        fixture("netperf=true", false)
            .run(
                source,
                GATHER,
                Map.of("minCoverage", 1),
                Map.of("requireConsistent", false, "minCoverage", "100%"));
    assertThat(s.violations())
        .containsExactly(new SloViolation("coverage", "NodesAnswered", 3, 2, "nodes", Bound.MIN));
    assertThat(s.notes())
        .contains(
            "minCoverage given at start and at gather; the gather's applies, as the later one");
  }

  @Test
  void thresholdsAndInconsistentPodsAreViolations() throws InterruptedException {
    Map<String, Object> thresholds =
        Map.of(
            "thresholds",
            Map.of("network_ready", Map.of("Perc50", "50ms", "Max", "2s")),
            "minCoverage",
            2);
    Summary s = fixture("netperf=true", false).run(source, GATHER, Map.of(), thresholds);

    // Perc50 80 ms > 50 ms breaches; Max 1100 ms < 2 s does not; p5 is inconsistent.
    assertThat(s.violations())
        .containsExactly(
            new SloViolation("network_ready", "Perc50", 50.0, 80.0, "ms"),
            new SloViolation("network_ready_consistency", "InconsistentPods", 0, 1, "pods"));
  }

  @Test
  void labelSelectorKeepsOnlyMatchingPods() throws InterruptedException {
    Summary s =
        fixture("group=a", true)
            .run(
                source, GATHER, Map.of("labelSelector", "group=a", "minCoverage", "66%"), Map.of());

    // Only p1 and p2: network_ready 60, 1100 -> P50 = 1st = 60, P90 = 2nd = 1100.
    assertThat(item(s, "Metric", "network_ready").data())
        .containsEntry("Perc50", 60.0)
        .containsEntry("Perc90", 1100.0)
        .containsEntry("Count", 2.0);
    assertThat(s.notes())
        .contains(
            "selected: 2 pods with records in namespaces nm-1 matching 'group=a' (2 such pods seen in the API)");
    assertThat(s.violations()).isEmpty();
  }

  @Test
  void badParamsNameTheirPath() {
    var factory = new NetworkReadyLatencyFactory();
    assertThatThrownBy(() -> factory.validate(Params.of(Map.of("action", "stop"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("params.action: expected start or gather");
    assertThatThrownBy(
            () ->
                factory.validate(
                    Params.of(
                        Map.of(
                            "action",
                            "gather",
                            "thresholds",
                            Map.of("network_ready", Map.of("Perc75", "1s"))))))
        .hasMessageStartingWith("params.thresholds.network_ready.Perc75: unknown statistic");
    assertThatThrownBy(
            () ->
                factory.validate(
                    Params.of(
                        Map.of(
                            "action",
                            "gather",
                            "thresholds",
                            Map.of("network_ready", Map.of("Max", "soon"))))))
        .hasMessageStartingWith("params.thresholds.network_ready.Max: expected a duration");
    assertThatThrownBy(
            () -> factory.validate(Params.of(Map.of("action", "start", "namespaces", 5))))
        .hasMessageStartingWith("params.namespaces: expected a list");
    assertThatThrownBy(
            () ->
                factory.validate(Params.of(Map.of("action", "gather", "requireConsistent", "yes"))))
        .hasMessageStartingWith("params.requireConsistent: expected true or false");
    for (Object bad : List.of(1.5, "120%", -1, "many")) {
      assertThatThrownBy(
              () -> factory.validate(Params.of(Map.of("action", "start", "minCoverage", bad))))
          .as(String.valueOf(bad))
          .hasMessageStartingWith(
              "params.minCoverage: expected a fraction of the nodes (0.9 or 90%) or a count");
    }
  }
}
