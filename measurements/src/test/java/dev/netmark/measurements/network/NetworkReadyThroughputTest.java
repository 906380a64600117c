package dev.netmark.measurements.network;

import static dev.netmark.measurements.network.Fixture.S;
import static dev.netmark.measurements.network.Fixture.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.api.TimeSeries;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NetworkReadyThroughput/three-nodes.jsonl: node-a ready at S+0.5, 1.5, 2.5, 3.5 s; node-b at S+1
 * and S+3 s; node-c at S+2 s; one pod ready before start (not counted). Gather at S+5 s. The API
 * says a0 was created at S+0.1 s, the others later (b1 has no creation time).
 */
class NetworkReadyThroughputTest {
  @TempDir Path reportDir;

  private Summary run(Map<String, Object> gatherParams) throws InterruptedException {
    RecordedSource source = RecordedSource.load("NetworkReadyThroughput/three-nodes.jsonl");
    var kube =
        FakeKube.listing(
            "netperf=true",
            FakeKube.pod("nm-1", "a0", "ua0", S + 100),
            FakeKube.pod("nm-1", "a1", "ua1", S + 600),
            FakeKube.pod("nm-1", "a2", "ua2", S + 1100),
            FakeKube.pod("nm-1", "a3", "ua3", S + 1600),
            FakeKube.pod("nm-1", "b0", "ub0", S + 350),
            FakeKube.pod("nm-1", "c0", "uc0", S + 850));
    Fixture f =
        new Fixture(
            new NetworkReadyThroughput(),
            new Fixture.Context(kube, source, List.of("nm-1"), reportDir));
    return f.run(source, S + 5000, Map.of(), gatherParams);
  }

  @Test
  void readySpanRates() throws Exception {
    Summary s = run(Map.of());

    // Per second from S: [0,1) 1 (0.5), [1,2) 2 (1.0, 1.5), [2,3) 2, [3,4) 2, [4,5) 0, [5,6) 0.
    // Peak 2; the ready window is seconds 0..3, 4 s: Average 7 / 4 = 1.75, never above the peak.
    // Sustained: 7 pods from the first create request (S+0.1 s) to the last ready (S+3.5 s):
    // 7 / 3.4 s.
    assertThat(item(s, "Metric", "throughput").data())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("Average", 1.75, "Peak", 2.0, "Sustained", 7 / 3.4, "Count", 7.0));
    // Per node over the same 4 s: node-a 4/4, node-b 2/4, node-c 1/4; they add up to Average.
    assertThat(item(s, "Metric", "throughput_per_node").data())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("Min", 0.25, "Perc50", 0.5, "Max", 1.0, "Count", 3.0));
    assertThat(s.notes())
        .contains(
            "Average and per-node rates: pods over the 4 s from the first to the last second with"
                + " a ready pod; Peak: most pods ready in one second (node clocks); Sustained: pods"
                + " over first create request (engine clock) to last ready pod (3.400 s)");
    // The series goes with the summary; the engine writes it where the note says.
    assertThat(s.notes())
        .contains(
            "time series (pods network-ready per second, total and per node): "
                + reportDir.resolve(
                    "data/NetworkReadyThroughput_timeseries_t_" + (S + 5000) + ".json"));
    assertThat(reportDir.resolve("data")).doesNotExist();
    assertThat(s.data().gatherMs()).isEqualTo(S + 5000);
    TimeSeries ts = s.data().series().getFirst();
    assertThat(ts.originMs()).isEqualTo(S);
    assertThat(ts.total()).containsExactly(1, 2, 2, 2, 0, 0);
    assertThat(ts.perNode().get("node-c")).containsExactly(0, 0, 1, 0, 0, 0);
  }

  @Test
  void windowSpanRates() throws InterruptedException {
    Summary s = run(Map.of("span", "window"));

    // 7 pods / 5 s = 1.4/s; node-a 4/5 = 0.8, node-b 0.4, node-c 0.2; median of 3 = 2nd = 0.4.
    assertThat(item(s, "Metric", "throughput").data())
        .containsEntry("Average", 1.4)
        .containsEntry("Peak", 2.0);
    assertThat(item(s, "Metric", "throughput_per_node").data())
        .containsEntry("Min", 0.2)
        .containsEntry("Perc50", 0.4)
        .containsEntry("Max", 0.8);
  }

  @Test
  void fromHistogramsOnlyTheOverallRate() throws InterruptedException {
    HistogramSource source = new HistogramSource();
    double[] bounds = {0.1, Double.POSITIVE_INFINITY};
    source.set("netmark_network_ready_duration_seconds", Map.of(), bounds, new long[] {1, 2}, 0.3);
    Fixture f =
        new Fixture(
            new NetworkReadyThroughput(), new Fixture.Context(null, source, List.of(), reportDir));
    f.clock.ms = S;
    f.measurement.execute(Params.of(Map.of("action", "start")));
    source.set("netmark_network_ready_duration_seconds", Map.of(), bounds, new long[] {5, 12}, 2.0);
    f.clock.ms = S + 4000;
    Summary s = f.measurement.execute(Params.of(Map.of("action", "gather"))).getFirst();

    // 12 - 2 = 10 observations in 4 s = 2.5/s.
    assertThat(item(s, "Metric", "throughput").data())
        .containsEntry("Average", 2.5)
        .containsEntry("Count", 10.0);
    assertThat(s.notes().getFirst()).startsWith("source: histograms, bucket resolution");
  }

  @Test
  void badSpanNamesItsPath() {
    assertThatThrownBy(
            () ->
                new NetworkReadyThroughputFactory()
                    .validate(Params.of(Map.of("action", "gather", "span", "all"))))
        .hasMessage("params.span: expected ready or window, found 'all'");
  }
}
