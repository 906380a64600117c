package dev.netmark.engine.report.html;

import static dev.netmark.engine.report.html.Html.esc;
import static dev.netmark.engine.report.html.Html.num;

import java.util.List;
import java.util.Locale;

/**
 * Horizontal bars: one row per category, one bar per series in it (e.g. Perc50 and Perc99 of each
 * probe class). Bars start at zero so their lengths compare.
 */
final class BarChart {
  private static final int WIDTH = 960;
  private static final int LABEL = 250;
  private static final int LABEL_CHARS = 38;
  private static final int BAR = 12;
  private static final int GAP = 10;

  private BarChart() {}

  /**
   * @param values values[category][series]
   */
  static String html(
      String title, List<String> categories, List<String> series, double[][] values, String unit) {
    double max = 0;
    for (double[] row : values) {
      for (double v : row) {
        max = Math.max(max, v);
      }
    }
    double scale = max > 0 ? (WIDTH - LABEL - 90) / max : 0;
    int rowHeight = series.size() * BAR + GAP;
    int height = categories.size() * rowHeight + GAP;
    StringBuilder b = new StringBuilder();
    b.append(
        f(
            "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\"><title>%s</title>",
            WIDTH, height, WIDTH, height, esc(title)));
    for (int c = 0; c < categories.size(); c++) {
      int top = GAP + c * rowHeight;
      b.append(
          f(
              "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"end\">%s</text>",
              LABEL - 8, top + series.size() * BAR / 2 + 4, esc(shorten(categories.get(c)))));
      for (int s = 0; s < series.size(); s++) {
        double v = values[c][s];
        int y = top + s * BAR;
        String tip = categories.get(c) + " " + series.get(s) + ": " + num(v) + " " + unit;
        b.append(
            f(
                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>",
                LABEL, y, v * scale, BAR - 2, Html.color(s), esc(tip)));
        b.append(
            f(
                "<text x=\"%.1f\" y=\"%d\" class=\"tick\">%s</text>",
                LABEL + v * scale + 4, y + BAR - 3, esc(num(v) + " " + unit)));
      }
    }
    b.append("</svg>");
    return "<figure>" + b + (series.size() > 1 ? Plot.legend(series) : "") + "</figure>";
  }

  // Long labels would run off the left edge; the full one is in each bar's tooltip.
  private static String shorten(String label) {
    return label.length() <= LABEL_CHARS ? label : label.substring(0, LABEL_CHARS - 1) + "\u2026";
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
