package dev.netmark.engine.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.DataFile;
import dev.netmark.api.SampleSet;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import dev.netmark.api.SummaryData;
import dev.netmark.engine.report.data.TrafficData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** An ApplicationTraffic summary's section: traffic matrix, per-edge series, CDFs per edge. */
class TrafficSectionTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private String section() throws Exception {
    DataFile traffic =
        new DataFile(
            TrafficData.KIND,
            JSON.readTree(
                """
        {"summary":"ApplicationTraffic","gatherMs":5000,"originMs":1000,"intervalMs":1000,
         "edges":[
          {"edge":"frontend->backend","client":"frontend","server":"backend","requests":40,
           "answered":36,"steadyErrors":0,"rolloutErrors":4,
           "perSecond":{"requests":[10,10,10,10],"answered":[10,6,10,10],
                        "steadyErrors":[0,0,0,0],"rolloutErrors":[0,4,0,0]}},
          {"edge":"backend->database","client":"backend","server":"database","requests":20,
           "answered":20,"steadyErrors":0,"rolloutErrors":0,
           "perSecond":{"requests":[5,5,5,5],"answered":[5,5,5,5],
                        "steadyErrors":[0,0,0,0],"rolloutErrors":[0,0,0,0]}}],
         "changes":[{"namespace":"nm-1","tier":"backend","action":"roll","startMs":2000,
                     "endMs":3000}],
         "servicePods":[]}"""));
    List<SampleSet> samples =
        List.of(
            new SampleSet(
                Map.of("Metric", "request_latency", "Edge", "frontend->backend"),
                "ms",
                new double[] {1, 2, 3}),
            new SampleSet(
                Map.of("Metric", "request_latency", "Edge", "backend->database"),
                "ms",
                new double[] {4, 5}));
    Summary s =
        new Summary(
            "ApplicationTraffic",
            List.of(
                new DataItem(
                    Map.of("Count", 40.0),
                    "requests",
                    Map.of("Metric", "requests", "Edge", "frontend->backend"))));
    s = s.withData(new SummaryData(5000, samples, List.of(), List.of(traffic)));
    return SummarySection.html("s0", "ApplicationTraffic", s, List.of());
  }

  @Test
  void heatmapHasACellPerTierPairWithRequestsAndErrorShare() throws Exception {
    String html = section();

    assertThat(html).contains("<h3>Traffic matrix</h3>");
    // Clients frontend, backend down; servers backend, database across: 4 cells, 2 of them edges.
    assertThat(html)
        .contains("<title>frontend-&gt;backend: 40 requests, 4 errors (10%)</title>")
        .contains("<title>backend-&gt;database: 20 requests, 0 errors (0%)</title>")
        .contains("<title>frontend-&gt;database: no edge</title>")
        .contains("style=\"fill:#fff\">40 req<")
        .contains(">10% err<");
    // 10% failed is full red; no error is green.
    assertThat(TrafficMatrix.color(0.10, 4)).isEqualTo("#d0302b");
    assertThat(html)
        .contains("fill=\"#d0302b\"")
        .contains("fill=\"" + TrafficMatrix.NO_ERROR + "\"");
  }

  @Test
  void perEdgeSeriesOfRequestsAndErrorsWithTheChangeShaded() throws Exception {
    String html = section();

    assertThat(html)
        .contains("<h3>Requests per second by edge</h3>")
        .contains("<title>frontend-&gt;backend: 40 requests</title>")
        .contains("<h3>Errors per second by edge</h3>")
        .contains("<title>frontend-&gt;backend: 0 steady-state, 4 during tier changes</title>")
        // backend->database had no error: no line in the errors chart
        .doesNotContain("backend-&gt;database: 0 steady-state")
        .contains("fill=\"" + EdgeSeriesChart.CHANGE + "\"><title>roll backend</title>");
    // Both request_latency sets in one CDF, a line per edge.
    assertThat(html)
        .containsOnlyOnce("<h3>CDF of per-pod samples, ")
        .contains("<h3>CDF of per-pod samples, ms request_latency</h3>")
        .contains("Edge=frontend-&gt;backend (3 pods)");
  }

  @Test
  void trafficWithoutEdgesIsNamedOnThePage() {
    DataFile bad = new DataFile(TrafficData.KIND, Map.of("intervalMs", 1000));
    Summary s =
        new Summary("ApplicationTraffic", List.of())
            .withData(new SummaryData(1, List.of(), List.of(), List.of(bad)));
    assertThat(SummarySection.html("s0", "ApplicationTraffic", s, List.of()))
        .contains(
            "<b>traffic not shown: ApplicationTraffic traffic: not a traffic file (needs edges and"
                + " intervalMs &gt; 0)</b>");
  }
}
