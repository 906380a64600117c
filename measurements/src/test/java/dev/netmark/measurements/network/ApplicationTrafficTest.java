package dev.netmark.measurements.network;

import static dev.netmark.measurements.network.Fixture.S;
import static dev.netmark.measurements.network.Fixture.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.netmark.api.ConfigException;
import dev.netmark.api.DataFile;
import dev.netmark.api.Params;
import dev.netmark.api.SampleSet;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.SloViolation;
import dev.netmark.fixtures.MockApiServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@link AppScenario}: aggregation, rollout errors, service_ready, thresholds, files. */
class ApplicationTrafficTest {
  @TempDir Path reportDir;

  /** The scenario gathered with {@code gatherParams}; the API server is gone afterwards. */
  private Summary run(Map<String, Object> gatherParams, boolean publishChange) throws Exception {
    try (MockApiServer api = MockApiServer.start()) {
      return new AppScenario(api).run(reportDir, gatherParams, publishChange);
    }
  }

  private static void validate(Map<String, Object> params) {
    var all = new java.util.LinkedHashMap<>(params);
    all.put("action", "gather");
    new ApplicationTrafficFactory().validate(Params.of(all));
  }

  @Test
  void aggregatesEdgesAcrossSecondsAndPods() throws Exception {
    Summary s = run(Map.of(), true);

    // 10+10+10+10 from fe-1, 5 from fe-2; answered 10+7+9+9+5.
    assertThat(item(s, "Metric", "requests", "Edge", AppScenario.FE_BE).data())
        .containsEntry("Count", 45.0)
        .containsEntry("Answered", 40.0);
    // Sorted: 1..10, 20 x7, 30 x9, 40 x9, 100 x5: rank 20 = 30, rank 36 = 100.
    assertThat(item(s, "Metric", "request_latency", "Edge", AppScenario.FE_BE).data())
        .containsEntry("Perc50", 30.0)
        .containsEntry("Perc90", 100.0)
        .containsEntry("Perc99", 100.0)
        .containsEntry("Count", 40.0);
    // 40 answered over the 10 s window; S+1 s holds fe-1's 10 and fe-2's 5.
    assertThat(item(s, "Metric", "throughput", "Edge", AppScenario.FE_BE).data())
        .containsEntry("Average", 4.0)
        .containsEntry("Peak", 15.0);
    // summary.txt: the totals and one line per edge.
    assertThat(s.notes())
        .contains(
            "2 edges: 53 requests, 45 answered, 8 errors (2 steady-state, 6 during tier changes)",
            "frontend->backend (http via service): 45 requests, 40 answered, 5 errors (steady:"
                + " timeout 1; rollout: refused 3, reset 1), request_latency p50 30.0 ms p99 100.0"
                + " ms");
    // An edge's items carry Metric and Edge only; a tier's also Tier, with the edge *->tier.
    assertThat(item(s, "Metric", "errors", "Edge", AppScenario.FE_BE).labels())
        .isEqualTo(Map.of("Metric", "errors", "Edge", AppScenario.FE_BE));
    assertThat(item(s, "Metric", "requests", "Tier", "database").labels())
        .containsEntry("Edge", "*->database");
    assertThat(item(s, "Metric", "requests", "Tier", "database").data())
        .containsEntry("Count", 8.0);
  }

  @Test
  void errorsInARolloutWindowAreCountedApart() throws Exception {
    Summary s = run(Map.of(), true);

    // refused at S+4 s and reset at S+6 s (roll S+4..5 s plus the edge's 1 s timeout) are
    // rollout errors; the timeout at S+7 s is steady-state.
    assertThat(item(s, "Metric", "errors", "Edge", AppScenario.FE_BE).data())
        .containsEntry("Count", 5.0)
        .containsEntry("Rollout", 4.0)
        .containsEntry("Steady", 1.0)
        .containsEntry("refused", 3.0)
        .containsEntry("reset", 1.0)
        .containsEntry("timeout", 1.0)
        .containsEntry("SteadyShare", 1 / 45.0);
    // be-1 was deleted mid-second during the roll of its own tier: its stopped requests count,
    // as rollout errors; its refused one (database was not changing) is steady-state.
    assertThat(item(s, "Metric", "errors", "Edge", AppScenario.BE_DB).data())
        .containsEntry("Steady", 1.0)
        .containsEntry("Rollout", 2.0)
        .containsEntry("stopped", 2.0);
    assertThat(item(s, "Metric", "requests", "Edge", AppScenario.BE_DB).data())
        .containsEntry("Count", 8.0)
        .containsEntry("Answered", 5.0);
    // Default: any steady-state error fails, rollout errors do not.
    assertThat(s.violations())
        .extracting(SloViolation::metric, SloViolation::statistic, SloViolation::actual)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("errors", "Steady", 1.0),
            org.assertj.core.groups.Tuple.tuple("errors", "Steady", 1.0));
    assertThat(s.notes())
        .contains(
            "breached on edge backend->database: errors Steady = 1.000 requests exceeds the"
                + " threshold 0.000 requests")
        .anyMatch(n -> n.startsWith("tier changes: roll nm-1/backend 22:13:24-22:13:25"));
  }

  @Test
  void withoutPublishedChangesEveryErrorIsSteady() throws Exception {
    Summary s = run(Map.of(), false);

    assertThat(item(s, "Metric", "errors", "Edge", AppScenario.FE_BE).data())
        .containsEntry("Steady", 5.0)
        .containsEntry("Rollout", 0.0);
    assertThat(s.notes())
        .contains(
            "tier changes: none (UTC; errors in a change's seconds plus the edge's request timeout"
                + " are rollout errors)");
  }

  @Test
  void aPodDeletedBeforeGatherStillCountsUnderALabelSelector() throws Exception {
    Summary s;
    try (MockApiServer api = MockApiServer.start()) {
      s =
          new AppScenario(api)
              .run(reportDir, Map.of("labelSelector", "netmark.dev/tier=backend"), Map.of(), true);
    }

    // Only backend pods: be-1 (deleted at S+4.5 s) sent all 8 requests of backend->database.
    assertThat(item(s, "Metric", "requests", "Edge", AppScenario.BE_DB).data())
        .containsEntry("Count", 8.0);
    assertThat(s.dataItems()).noneMatch(i -> AppScenario.FE_BE.equals(i.labels().get("Edge")));
    assertThat(item(s, "Metric", "service_ready", "Tier", "backend").data())
        .containsEntry("Count", 2.0);
  }

  @Test
  void serviceReadyPercentilesPerTier() throws Exception {
    Summary s = run(Map.of(), true);

    // be-1 (deleted before gather) still has its tier.
    assertThat(item(s, "Metric", "service_ready", "Tier", "backend").data())
        .containsEntry("Perc50", 5.0)
        .containsEntry("Perc99", 20.0)
        .containsEntry("Count", 2.0);
    assertThat(item(s, "Metric", "service_ready", "Tier", "database").labels())
        .containsEntry("Edge", "*->database");
    assertThat(s.notes()).contains("service_ready: 3 serving pods {backend=2, database=1}");
  }

  @Test
  void thresholdsFailOnLatencyAndServiceReady() throws Exception {
    Map<String, Object> limits =
        Map.of(
            "thresholds",
            Map.of(
                "errors", Map.of("SteadyShare", 0.2),
                "request_latency", Map.of("Perc99", "50ms"),
                "service_ready", Map.of("Perc99", "10ms")));
    Summary s = run(limits, true);

    assertThat(s.violations())
        .extracting(SloViolation::toString)
        .containsExactly(
            "request_latency Perc99 = 100.000 ms exceeds the threshold 50.000 ms",
            "service_ready Perc99 = 20.000 ms exceeds the threshold 10.000 ms");
    assertThat(s.notes())
        .contains(
            "breached on edge frontend->backend: request_latency Perc99 = 100.000 ms exceeds"
                + " the threshold 50.000 ms",
            "breached on tier backend: service_ready Perc99 = 20.000 ms exceeds the threshold"
                + " 10.000 ms");
  }

  @Test
  void aBreachedShareIsShownAsAShare() throws Exception {
    Summary s = run(Map.of("thresholds", Map.of("errors", Map.of("SteadyShare", 0.1))), true);

    // backend->database: 1 steady-state error in 8 requests.
    assertThat(s.violations())
        .extracting(SloViolation::toString)
        .containsExactly("errors SteadyShare = 0.125 share exceeds the threshold 0.100 share");
  }

  @Test
  void thresholdsPass() throws Exception {
    Map<String, Object> limits =
        Map.of(
            "thresholds",
            Map.of(
                "errors", Map.of("Steady", 1),
                "request_latency", Map.of("Perc99", "1s"),
                "service_ready", Map.of("Perc99", "1s")));
    assertThat(run(limits, true).violations()).isEmpty();
  }

  @Test
  void noRequestsFailsByMinRequests() throws Exception {
    RecordedSource source = RecordedSource.of(List.of());
    try (MockApiServer api = MockApiServer.start()) {
      Fixture f =
          new Fixture(
              new ApplicationTraffic(),
              new Fixture.Context(api.client(), source, List.of("nm-1"), reportDir));
      Summary s = f.run(source, S + 1000, Map.of(), Map.of());
      assertThat(s.violations())
          .extracting(SloViolation::toString)
          .containsExactly("requests Count = 0.000 requests is below the minimum 1.000 requests");
      Summary zero = f.run(source, S + 1000, Map.of(), Map.of("minRequests", 0));
      assertThat(zero.violations()).isEmpty();
    }
  }

  @Test
  void badThresholdsNameTheirKey() {
    assertThatThrownBy(
            () -> validate(Map.of("thresholds", Map.of("errors", Map.of("SteadyShare", "1%")))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("params.thresholds.errors.SteadyShare")
        .hasMessageContaining("expected a number");
    assertThatThrownBy(
            () -> validate(Map.of("thresholds", Map.of("request_latency", Map.of("Steady", 1)))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown statistic; expected one of Perc50, Perc90, Perc99, Max");
    assertThatThrownBy(() -> validate(Map.of("minRequests", -1)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("params.minRequests");
    assertThatThrownBy(
            () ->
                new ApplicationTrafficFactory()
                    .validate(Params.of(Map.of("action", "start", "minRequests", 5))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("params.minRequests")
        .hasMessageContaining("is read at gather; give it on the gather action");
  }

  @Test
  void trafficFileHoldsPerSecondSeriesAndChanges() throws Exception {
    Summary s = run(Map.of(), true);

    Path file = reportDir.resolve("data/ApplicationTraffic_traffic_t_" + (S + 10_000) + ".json");
    assertThat(s.notes()).anyMatch(n -> n.endsWith(file.toString()));
    DataFile traffic = s.data().files().getFirst();
    assertThat(traffic.kind()).isEqualTo("traffic");
    JsonNode root = JsonMapper.builder().build().valueToTree(traffic.content());
    assertThat(root.path("originMs").asLong()).isEqualTo(S);
    JsonNode fe = root.path("edges").get(1);
    assertThat(fe.path("edge").asString()).isEqualTo(AppScenario.FE_BE);
    assertThat(fe.path("client").asString()).isEqualTo("frontend");
    assertThat(fe.path("perSecond").path("requests").toString())
        .isEqualTo("[0,15,0,0,10,0,10,10,0,0,0]");
    assertThat(fe.path("perSecond").path("rolloutErrors").toString())
        .isEqualTo("[0,0,0,0,3,0,1,0,0,0,0]");
    assertThat(fe.path("perSecond").path("steadyErrors").toString())
        .isEqualTo("[0,0,0,0,0,0,0,1,0,0,0]");
    assertThat(root.path("changes").get(0).path("tier").asString()).isEqualTo("backend");
    assertThat(root.path("servicePods").size()).isEqualTo(3);
    assertThat(s.data().samples())
        .extracting(SampleSet::labels)
        .contains(Map.of("Metric", "request_latency", "Edge", "frontend->backend"))
        .anyMatch(l -> l.get("Metric").equals("service_ready"));
  }

  @Test
  void samplesFileSpreadsLargeEdges() {
    List<Double> many =
        java.util.stream.IntStream.range(0, 25_000).mapToObj(i -> (double) i).toList();
    List<Double> kept = ApplicationTraffic.spread(many);
    assertThat(kept).hasSize(10_000);
    assertThat(kept.get(1)).isCloseTo(2.0, within(0.0));
    assertThat(kept.getLast()).isEqualTo(24_997.0);
  }
}
