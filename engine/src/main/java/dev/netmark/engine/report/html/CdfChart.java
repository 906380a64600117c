package dev.netmark.engine.report.html;

import dev.netmark.api.SampleSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Empirical CDFs of per-pod samples, one line per set: the fraction of pods at or below a value.
 * Large sets are drawn through at most {@link #POINTS} ranks, which keeps the file small and is
 * finer than a pixel on the chart.
 */
final class CdfChart {
  static final int POINTS = 400;

  private CdfChart() {}

  /** One chart of sets that share a unit, with a legend naming each set. */
  static String html(String title, List<SampleSet> sets, List<String> names) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    List<double[]> sorted = new ArrayList<>();
    for (SampleSet s : sets) {
      double[] v = s.values().clone();
      Arrays.sort(v);
      sorted.add(v);
      if (v.length > 0) {
        lo = Math.min(lo, v[0]);
        hi = Math.max(hi, v[v.length - 1]);
      }
    }
    String unit = sets.getFirst().unit();
    Scale x = Scale.forLatencies(lo, hi, Plot.xFrom(), Plot.xTo());
    Scale y = new Scale(0, 1, false, Plot.yFrom(), Plot.yTo());
    Plot plot =
        new Plot(
            x, y, title, (x.log() ? "log scale, " : "") + unit, "fraction of pods at or below");
    for (int i = 0; i < sorted.size(); i++) {
      double[] v = sorted.get(i);
      if (v.length > 0) {
        double[][] pts = steps(v);
        plot.line(pts[0], pts[1], Html.color(i), names.get(i) + " (" + v.length + " pods)", 2);
      }
    }
    return "<figure>" + plot.svg() + Plot.legend(names) + "</figure>";
  }

  /** Staircase points: at each drawn rank the CDF jumps from (k-1)/n to k/n. */
  static double[][] steps(double[] sorted) {
    int n = sorted.length;
    int drawn = Math.min(n, POINTS);
    double[] xs = new double[drawn * 2];
    double[] ys = new double[drawn * 2];
    double prev = 0;
    for (int i = 0; i < drawn; i++) {
      int rank = drawn == n ? i + 1 : (int) Math.ceil((i + 1) * (double) n / drawn);
      xs[2 * i] = sorted[rank - 1];
      ys[2 * i] = prev;
      xs[2 * i + 1] = sorted[rank - 1];
      ys[2 * i + 1] = (double) rank / n;
      prev = ys[2 * i + 1];
    }
    return new double[][] {xs, ys};
  }
}
