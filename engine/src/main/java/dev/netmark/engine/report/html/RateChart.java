package dev.netmark.engine.report.html;

import dev.netmark.api.ClusterEvent;
import dev.netmark.api.TimeSeries;
import dev.netmark.engine.report.ClusterSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Network-ready pods per second over the run, from a throughput time series: the cluster-wide line,
 * plus one thin line per node when there are few enough nodes to tell apart.
 */
final class RateChart {
  static final int MAX_NODE_LINES = 8;

  private RateChart() {}

  /** The colour of event marks: a node restart stands out from the series. */
  static final String MARK = "#c0392b";

  /**
   * The chart, with a vertical mark at each of {@code events} (node restarts) that falls inside the
   * series.
   */
  static String html(TimeSeries ts, List<ClusterEvent> events) {
    long[] total = ts.total();
    double perSecond = 1000.0 / ts.intervalMs();
    double[] xs = new double[total.length];
    double[] ys = new double[total.length];
    double peak = 0;
    for (int i = 0; i < total.length; i++) {
      xs[i] = (i + 0.5) * ts.intervalMs() / 1000.0;
      ys[i] = total[i] * perSecond;
      peak = Math.max(peak, ys[i]);
    }
    double end = Math.max(1, total.length * ts.intervalMs() / 1000.0);
    Plot plot =
        new Plot(
            Scale.linear(0, end, Plot.xFrom(), Plot.xTo()),
            Scale.linear(0, Math.max(peak, 1), Plot.yFrom(), Plot.yTo()),
            "network-ready pods per second",
            "seconds since the window began",
            "pods/s");
    List<String> names = new ArrayList<>(List.of("all nodes"));
    plot.line(xs, ys, Html.color(0), "all nodes, peak " + Html.num(peak) + " pods/s", 2.5);
    if (ts.perNode().size() > 1 && ts.perNode().size() <= MAX_NODE_LINES) {
      int i = 1;
      for (Map.Entry<String, long[]> e : ts.perNode().entrySet()) {
        double[] ny = new double[total.length];
        for (int k = 0; k < Math.min(total.length, e.getValue().length); k++) {
          ny[k] = e.getValue()[k] * perSecond;
        }
        plot.line(xs, ny, Html.color(i++), e.getKey(), 1);
        names.add(e.getKey());
      }
    }
    String marks = "";
    for (ClusterEvent e : events) {
      double x = (e.at().toEpochMilli() - ts.originMs()) / 1000.0;
      if (x >= 0 && x <= end) {
        String what = "shim on " + e.node() + " restarted at " + ClusterSummary.TIME.format(e.at());
        plot.line(
            new double[] {x, x},
            new double[] {0, Math.max(peak, 1)},
            MARK,
            what + ", " + e.detail(),
            1.5);
        marks = "<p class=\"marks\">Red marks: " + Html.esc("shim restarts") + ".</p>";
      }
    }
    return "<figure>" + plot.svg() + Plot.legend(names) + marks + "</figure>";
  }
}
