package dev.netmark.engine.report.html;

import static dev.netmark.engine.report.html.Html.esc;

import dev.netmark.api.ClusterEvent;
import dev.netmark.api.DataFile;
import dev.netmark.api.NetmarkException;
import dev.netmark.api.SampleSet;
import dev.netmark.api.Summary;
import dev.netmark.api.TimeSeries;
import dev.netmark.engine.report.data.TrafficData;
import java.util.List;

/**
 * One summary: its table, CDFs of its per-pod samples (one chart per unit and per group of
 * non-Metric labels, e.g. a PodFlux phase), its throughput time series and per-node spread, its
 * notes and violations.
 */
final class SummarySection {
  private SummarySection() {}

  /**
   * @param key the summary's key ({@code name}, {@code name-2} ...)
   * @param events marked on the time series
   */
  static String html(String id, String key, Summary summary, List<ClusterEvent> events) {
    StringBuilder b = new StringBuilder();
    b.append("<section id=\"").append(esc(id)).append("\"><h2>").append(esc(key)).append("</h2>");
    if (!summary.dataItems().isEmpty()) {
      b.append(ItemTable.html(summary));
    }
    for (DataFile f : summary.data().files()) {
      if (f.kind().equals(TrafficData.KIND)) {
        TrafficData t;
        try {
          t = TrafficData.of(key + " " + f.kind(), f);
        } catch (NetmarkException e) {
          b.append("<p><b>traffic not shown: ").append(esc(e.getMessage())).append("</b></p>");
          continue;
        }
        b.append("<h3>Traffic matrix</h3>").append(TrafficMatrix.html(t));
        b.append("<h3>Requests per second by edge</h3>").append(EdgeSeriesChart.requests(t));
        b.append("<h3>Errors per second by edge</h3>").append(EdgeSeriesChart.errors(t));
      }
    }
    List<SampleSet> mine = summary.data().samples();
    for (CdfGroups.Group g : CdfGroups.of(mine)) {
      b.append("<h3>CDF of per-pod samples, ").append(esc(g.title())).append("</h3>");
      b.append(CdfChart.html(key + " CDF " + g.title(), g.sets(), g.names()));
    }
    for (TimeSeries ts : summary.data().series()) {
      b.append("<h3>Network-ready pods per second</h3>").append(RateChart.html(ts, events));
      if (!ts.perNode().isEmpty()) {
        b.append("<h3>Per-node distribution</h3>").append(PerNodeChart.html(ts));
      }
    }
    if (!summary.violations().isEmpty()) {
      b.append("<h3>SLO violations</h3><ul class=\"notes\">");
      summary.violations().forEach(v -> b.append("<li>").append(esc(v.toString())).append("</li>"));
      b.append("</ul>");
    }
    if (!summary.notes().isEmpty()) {
      b.append("<h3>Notes</h3><ul class=\"notes\">");
      summary.notes().forEach(n -> b.append("<li>").append(esc(n)).append("</li>"));
      b.append("</ul>");
    }
    return b.append("</section>").toString();
  }
}
