package dev.netmark.engine.report.html;

import dev.netmark.api.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the network-ready pods spread over the nodes: one bar per node for small clusters, a
 * histogram of pods per node (how many nodes had how many pods) for large ones.
 */
final class PerNodeChart {
  static final int MAX_BARS = 40;
  static final int BINS = 20;

  private PerNodeChart() {}

  static String html(TimeSeries ts) {
    List<String> names = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    for (Map.Entry<String, long[]> e : ts.perNode().entrySet()) {
      names.add(e.getKey());
      counts.add(TimeSeries.sum(e.getValue()));
    }
    if (names.size() <= MAX_BARS) {
      double[][] values = new double[names.size()][1];
      for (int i = 0; i < names.size(); i++) {
        values[i][0] = counts.get(i);
      }
      return BarChart.html("network-ready pods per node", names, List.of("pods"), values, "pods");
    }
    long min = counts.stream().mapToLong(Long::longValue).min().orElse(0);
    long max = counts.stream().mapToLong(Long::longValue).max().orElse(0);
    long width = Math.max(1, (max - min + BINS) / BINS);
    int bins = (int) ((max - min) / width) + 1;
    double[][] values = new double[bins][1];
    counts.forEach(c -> values[(int) ((c - min) / width)][0]++);
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < bins; i++) {
      long lo = min + i * width;
      labels.add(width == 1 ? lo + " pods" : lo + "-" + (lo + width - 1) + " pods");
    }
    return BarChart.html(
        "nodes by number of network-ready pods", labels, List.of("nodes"), values, "nodes");
  }
}
