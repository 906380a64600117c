package dev.netmark.measurements.network;

import static dev.netmark.measurements.network.Fixture.S;
import static dev.netmark.measurements.network.Fixture.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.api.ConfigException;
import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.SloViolation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PodFlux/churn.jsonl over S..S+10 s: f1 (node-a) ready then deleted cleanly; f2 (node-a) failed
 * one ADD, was ready, never deleted by CNI; f3 (node-b) failed its service probe and still exists;
 * f4 (node-b) was ready and its DEL failed. Only f3 exists in the API at gather.
 */
class PodFluxTest {
  @TempDir Path reportDir;

  /** PodFlux over {@code source}, with only f3 still in the API at gather. */
  private Fixture churn(RecordedSource source) {
    var kube = FakeKube.listing("netperf=true", FakeKube.pod("nm-1", "f3", "f3", S));
    return new Fixture(
        new PodFlux(), new Fixture.Context(kube, source, List.of("nm-1"), reportDir));
  }

  @Test
  void leaksAndFailedCallsCanFailTheRun() throws InterruptedException {
    RecordedSource source = RecordedSource.load("PodFlux/churn.jsonl");
    Fixture f = churn(source);
    Map<String, Object> limits =
        Map.of(
            "thresholds",
            Map.of(
                "leaked_pods", Map.of("Count", 0),
                "del_failures", Map.of("Count", 1),
                "network_ready", Map.of("Perc99", "1s")));
    Summary s = f.run(source, S + 10_000, limits, limits);

    // 2 leaked pods (f2, f4) over a limit of 0; 1 failed DEL is within its limit of 1.
    assertThat(s.violations())
        .extracting(SloViolation::toString)
        .containsExactly("leaked_pods Count = 2.000 count exceeds the threshold 0.000 count");
  }

  @Test
  void aCountTakesOnlyACountThreshold() {
    Fixture f = Fixture.empty(new PodFlux(), reportDir);
    assertThatThrownBy(() -> f.startWithThresholds(Map.of("leaked_pods", Map.of("Perc99", 1))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("params.thresholds.leaked_pods.Perc99")
        .hasMessageContaining("unknown statistic; expected one of Count");
    assertThatThrownBy(() -> f.startWithThresholds(Map.of("network_ready", Map.of("Count", 1))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown statistic; expected one of Perc50");
  }

  @Test
  void phasesFailuresAndLeaks() throws InterruptedException {
    {
      RecordedSource source = RecordedSource.load("PodFlux/churn.jsonl");
      Fixture f = churn(source);
      Summary s =
          f.run(
              source,
              S + 10_000,
              Map.of(),
              Map.of(
                  "phases", 2, "thresholds", Map.of("network_ready", Map.of("Perc90", "500ms"))));

      // Phase 1 is S..S+5 s: network_ready of f1 100 (S+1.1 s) and f2 600 (S+2.1 s): P50 = 100,
      // P90 = 600. Phase 2: f4 200. cni_del of f1 (S+6 s) is in phase 2.
      assertThat(item(s, "Metric", "network_ready", "Phase", "1").data())
          .containsEntry("Perc50", 100.0)
          .containsEntry("Perc90", 600.0)
          .containsEntry("Count", 2.0);
      assertThat(item(s, "Metric", "network_ready", "Phase", "2").data())
          .containsEntry("Max", 200.0);
      assertThat(item(s, "Metric", "cni_add_total", "Phase", "1").data())
          .containsEntry("Max", 520.0);
      assertThat(item(s, "Metric", "cni_add", "Phase", "2").data())
          .containsEntry("Perc50", 30.0)
          .containsEntry("Max", 50.0);
      assertThat(item(s, "Metric", "cni_del", "Phase", "2").data()).containsEntry("Perc50", 40.0);
      assertThat(s.dataItems())
          .noneMatch(
              i ->
                  "cni_del".equals(i.labels().get("Metric"))
                      && "1".equals(i.labels().get("Phase")));
      assertThat(s.violations())
          .containsExactly(
              new SloViolation("network_ready (phase 1)", "Perc90", 500.0, 600.0, "ms"));

      assertThat(item(s, "Metric", "add_failures").data()).containsEntry("Count", 1.0);
      assertThat(item(s, "Metric", "probe_failures").data()).containsEntry("Count", 1.0);
      assertThat(item(s, "Metric", "del_failures").data()).containsEntry("Count", 1.0);
      // f2 (no DEL) and f4 (DEL failed) are gone from the API; f1 was deleted, f3 still exists.
      assertThat(item(s, "Metric", "leaked_pods").data()).containsEntry("Count", 2.0);
      // Phase 1 samples: cni_add, cni_add_total and network_ready of f1 and f2 = 6.
      assertThat(s.notes())
          .contains(
              "phase 1: 0.0 s to 5.0 s after start, 6 samples",
              "failed probes: 1 (1x service: gave up after <n> ms: connect to <ip> refused)")
          .anyMatch(
              n ->
                  n.startsWith(
                      "leaks: 2 pods gone from the API without a completed CNI DEL"
                          + " (IPs still allocated): nm-1/f2 on node-a ip 10.1.0.9 (no DEL), nm-1/f4 on node-b ip"
                          + " 10.1.1.4 (DEL failed)"));
    }
  }

  @Test
  void explicitBoundariesAndBadPhases() {
    long[] edges =
        Phases.parse(Params.of(Map.of("phases", List.of("2s", "1m")))).edges(S, S + 90_000);
    assertThat(edges).containsExactly(S, S + 2000, S + 60_000, S + 90_000);
    assertThat(Phases.index(edges, S - 5)).isZero();
    assertThat(Phases.index(edges, S + 2000)).isEqualTo(1);
    assertThat(Phases.index(edges, S + 99_000)).isEqualTo(2);

    var factory = new PodFluxFactory();
    assertThatThrownBy(
            () ->
                factory.validate(
                    Params.of(Map.of("action", "gather", "phases", List.of("5s", "2s")))))
        .hasMessageStartingWith("params.phases[1]: boundaries must be positive and increasing");
    assertThatThrownBy(() -> factory.validate(Params.of(Map.of("action", "gather", "phases", 0))))
        .hasMessage("params.phases: expected 1 to 100 phases, found 0");
  }
}
