package dev.netmark.engine.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.Baseline;
import dev.netmark.api.ClusterEvent;
import dev.netmark.engine.report.RunReport;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

  @Test
  void pageHasVerdictTablesChartsAndConfig() throws Exception {
    RunReport report = SampleRun.run();
    String html = HtmlReport.html(report);

    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    assertThat(html)
        .contains("<div class=\"verdict fail\">FAIL (0 step(s) failed, 1 SLO violation(s))</div>");
    double p99 = report.summaries().getFirst().dataItems().get(3).data().get("Perc99");
    // Every violation in red at the top, in the header, before anything else is read.
    String header = html.substring(html.indexOf("<header>"), html.indexOf("</header>"));
    assertThat(header)
        .contains(
            "<ul class=\"violations\"><li>NetworkReadyLatency network_ready Perc99 = "
                + String.format(java.util.Locale.ROOT, "%.3f", p99)
                + " ms exceeds the threshold 150.000 ms</li></ul>");
    assertThat(Style.CSS).contains("ul.violations{").contains("color:#cf222e");
    // The violations table: summary, metric, statistic, threshold, actual (marked), unit.
    assertThat(html)
        .contains(
            "<tr><td class=\"text\">NetworkReadyLatency</td><td class=\"text\">network_ready</td>"
                + "<td class=\"text\">Perc99</td><td>150</td><td class=\"bad\">"
                + Html.num(p99)
                + "</td>");
    // Four CDF lines (one per sample set) in one ms chart, and a legend naming them.
    assertThat(count(html, "<polyline")).isEqualTo(4 + 4); // + the rate chart: total and 3 nodes
    assertThat(html)
        .contains("<h3>CDF of per-pod samples, ms</h3>")
        .contains("cni_add (400 pods)")
        .contains("<h3>Network-ready pods per second</h3>")
        .contains("all nodes, peak 41 pods/s")
        .contains("<h3>Per-node distribution</h3>")
        .contains("node-b pods: 52 pods");
    // The probe classes: a table of the two probe items and bars of Perc50 and Perc99.
    assertThat(html)
        .contains("<section id=\"probes\"><h2>Probe classes</h2>")
        .contains("same_node Perc50: 2.1 ms")
        .contains("service Perc99: 40.7 ms");
    assertThat(html)
        .contains("<td class=\"text\">throughput_per_node</td>")
        .contains("<td>25.5</td>")
        .contains("<li>rates over first..last NETWORK_READY time</li>")
        .contains("NetworkReadyLatency/nrl")
        .contains(
            "{&quot;action&quot;:&quot;gather&quot;,&quot;thresholds&quot;:{&quot;network_ready&quot;:{&quot;Perc99&quot;:&quot;150ms&quot;}}}")
        .contains("<li>deleted namespace nm-1</li>");
  }

  @Test
  void aShimRestartIsMarkedOnTheTimeSeriesAndSummarized() throws Exception {
    RunReport sample = SampleRun.run();
    ClusterEvent inside =
        new ClusterEvent(
            SampleRun.STARTED.plusSeconds(3),
            "nml-node2",
            ClusterEvent.SHIM_RESTART,
            "exit signal 9");
    ClusterEvent outside =
        new ClusterEvent(
            SampleRun.STARTED.plusSeconds(600),
            "nml-node1",
            ClusterEvent.SHIM_RESTART,
            "exit code 1");
    RunReport report = with(sample, List.of(inside, outside), List.of());
    String html = HtmlReport.html(report);
    // One mark: the restart inside the series' 7 seconds; the one after it is only in the notes.
    assertThat(count(html, "stroke=\"" + RateChart.MARK + "\"")).isEqualTo(1);
    assertThat(html)
        .contains("<title>shim on nml-node2 restarted at 05:06:10, exit signal 9</title>")
        .contains("<li>shim on nml-node2 restarted 1x at 05:06:10, exit signal 9</li>")
        .contains("<li>shim on nml-node1 restarted 1x at 05:16:07, exit code 1</li>");
    assertThat(HtmlReport.html(sample)).doesNotContain(RateChart.MARK);
  }

  @Test
  void theRawBaselineStandsBesideTheRunsOwnNumbers() throws Exception {
    RunReport sample = SampleRun.run();
    RunReport report =
        with(
            sample,
            List.of(),
            List.of(
                new Baseline("cni_add", "ms", List.of(30.0, 40.0, 50.0), "5 pods"),
                new Baseline(
                    "probe_remote_node",
                    "ms",
                    List.of(2.0, 3.0),
                    "2 sampled pods",
                    Baseline.RAW_CONCURRENT,
                    List.of(7.0, 9.0))));
    String html = HtmlReport.html(report);
    String section = html.substring(html.indexOf("<h2>RawBaseline</h2>"));
    // One table, the Side column telling the raw row from netmark's.
    assertThat(section)
        .contains("<th class=\"text\">Side</th>")
        .contains("<td class=\"text\">cni_add</td><td class=\"text\">raw</td><td>40</td>")
        .contains("<td class=\"text\">cni_add</td><td class=\"text\">netmark</td>")
        .contains("<li>raw cni_add: 5 pods</li>")
        // The class's concurrent raw ping beside netmark's number of the same pods.
        .contains(
            "<td class=\"text\">probe_remote_node</td><td class=\"text\">raw-concurrent</td>"
                + "<td>2</td>")
        .contains(
            "<td class=\"text\">probe_remote_node</td><td class=\"text\">netmark-sampled</td>"
                + "<td>7</td>")
        .contains("<li>raw-concurrent probe_remote_node: 2 sampled pods</li>");
    assertThat(HtmlReport.html(sample)).doesNotContain("RawBaseline");
  }

  @Test
  void aSaturatedMachineIsSaidInTheVerdictSection() throws Exception {
    RunReport sample = SampleRun.run();
    Baseline idle = new Baseline("cni_add", "ms", List.of(50.0), "5 pods");
    String html =
        HtmlReport.html(
            with(
                sample,
                List.of(),
                List.of(
                    idle,
                    new Baseline(
                        "machine_add",
                        "ms",
                        List.of(800.0, 800.0, 800.0, 800.0, 800.0),
                        "bare; " + Baseline.MACHINE_WHILE_MEASURED,
                        Baseline.MACHINE,
                        List.of()))));
    String verdict = html.substring(html.indexOf("<h2>Verdict</h2>"), html.indexOf("</section>"));
    assertThat(verdict)
        .contains(
            "<p><b>Warning: the machine was saturated while the measured pods were created (its"
                + " reference ADD 16.0 times its idle one, see RawBaseline)");
    assertThat(HtmlReport.html(with(sample, List.of(), List.of(idle)))).doesNotContain("Warning");
  }

  @Test
  void markupFromSummariesAndConfigIsEscaped() throws Exception {
    String html = HtmlReport.html(SampleRun.run());
    String escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;";

    assertThat(html).doesNotContain("<script").doesNotContain("alert('x')");
    assertThat(html)
        .contains("<td class=\"text\">" + escaped + "</td>")
        .contains("<li>note with " + escaped + "</li>")
        .contains("# " + escaped + "\n")
        .contains("<td class=\"text\">a&quot;b</td>")
        .contains("<td class=\"text\">ms &amp; more</td>");
    // Nothing is fetched when the page is viewed: no external URL outside the SVG namespace.
    assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http");
  }

  @Test
  void withoutDataThereAreTablesButNoCharts() throws Exception {
    RunReport report = SampleRun.run(false);
    String html = HtmlReport.html(report);
    assertThat(html).doesNotContain("<polyline").contains("<td class=\"text\">cni_add</td>");
  }

  @Test
  void escapingAndNumbers() {
    assertThat(Html.esc("a<b>&\"c'\u0001")).isEqualTo("a&lt;b&gt;&amp;&quot;c&#39;\uFFFD");
    assertThat(Html.num(12.0)).isEqualTo("12");
    assertThat(Html.num(0.12549)).isEqualTo("0.125");
    assertThat(Html.num(1234.5)).isEqualTo("1234.5");
  }

  private static int count(String s, String part) {
    Matcher m = Pattern.compile(Pattern.quote(part)).matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /**
   * {@code sample} as if its cluster had reported {@code events} and measured {@code baselines}.
   */
  private static RunReport with(
      RunReport sample, List<ClusterEvent> events, List<Baseline> baselines) {
    return new RunReport(
        sample.config(),
        sample.renderedConfig(),
        sample.result(),
        sample.actions(),
        sample.cleanup(),
        events,
        null,
        baselines,
        List.of());
  }
}
