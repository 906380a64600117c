package dev.netmark.engine.report.html;

import dev.netmark.engine.report.data.TrafficData;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests and errors per second of each edge of an application model, one line per edge, with the
 * tier changes shaded (errors inside them are rollout errors).
 */
final class EdgeSeriesChart {
  /** Shading of a tier change. */
  static final String CHANGE = "#fbe7c6";

  private EdgeSeriesChart() {}

  /** Requests sent per second, one line per edge. */
  static String requests(TrafficData t) {
    return chart(t, t.edges(), "requests per second by edge", "requests/s", false);
  }

  /** Errors per second (steady state and rollout), one line per edge that had any. */
  static String errors(TrafficData t) {
    List<TrafficData.Edge> failing = t.edges().stream().filter(e -> e.errorCount() > 0).toList();
    if (failing.isEmpty()) {
      return "<p>No request failed on any edge.</p>";
    }
    return chart(t, failing, "errors per second by edge", "errors/s", true);
  }

  private static String chart(
      TrafficData t, List<TrafficData.Edge> edges, String title, String unit, boolean errors) {
    int buckets = edges.stream().mapToInt(e -> e.requests().length).max().orElse(0);
    double perSecond = 1000.0 / t.intervalMs();
    List<double[]> ys = new ArrayList<>();
    double peak = 0;
    for (TrafficData.Edge e : edges) {
      double[] y = new double[buckets];
      for (int i = 0; i < buckets; i++) {
        long v = errors ? at(e.steadyErrors(), i) + at(e.rolloutErrors(), i) : at(e.requests(), i);
        y[i] = v * perSecond;
        peak = Math.max(peak, y[i]);
      }
      ys.add(y);
    }
    double[] xs = new double[buckets];
    for (int i = 0; i < buckets; i++) {
      xs[i] = (i + 0.5) * t.intervalMs() / 1000.0;
    }
    double end = Math.max(1, buckets * t.intervalMs() / 1000.0);
    double top = Math.max(peak, 1);
    Plot plot =
        new Plot(
            Scale.linear(0, end, Plot.xFrom(), Plot.xTo()),
            Scale.linear(0, top, Plot.yFrom(), Plot.yTo()),
            title,
            "seconds since the window began",
            unit);
    for (TrafficData.Change c : t.changes()) {
      double from = Math.max(0, (c.startMs() - t.originMs()) / 1000.0);
      double to = c.endMs() == 0 ? end : Math.min(end, (c.endMs() - t.originMs()) / 1000.0);
      if (to > from) {
        plot.rect(from, 0, to, top, CHANGE, c.action() + " " + c.tier());
      }
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < edges.size(); i++) {
      TrafficData.Edge e = edges.get(i);
      String tip =
          errors
              ? e.edge()
                  + ": "
                  + sum(e.steadyErrors())
                  + " steady-state, "
                  + sum(e.rolloutErrors())
                  + " during tier changes"
              : e.edge() + ": " + e.requestCount() + " requests";
      plot.line(xs, ys.get(i), Html.color(i), tip, 2);
      names.add(e.edge());
    }
    String shaded =
        t.changes().isEmpty()
            ? ""
            : "<p class=\"marks\">Shaded: tier changes (hover for the tier).</p>";
    return "<figure>" + plot.svg() + Plot.legend(names) + shaded + "</figure>";
  }

  private static long at(long[] values, int i) {
    return i < values.length ? values[i] : 0;
  }

  private static long sum(long[] values) {
    long s = 0;
    for (long v : values) {
      s += v;
    }
    return s;
  }
}
