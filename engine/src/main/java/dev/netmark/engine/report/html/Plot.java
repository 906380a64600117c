package dev.netmark.engine.report.html;

import static dev.netmark.engine.report.html.Html.esc;
import static dev.netmark.engine.report.html.Html.num;

import java.util.List;
import java.util.Locale;

/**
 * An SVG plot area with axes, grid lines and tick labels; charts draw into it in data units. The
 * legend is HTML under the SVG so long labels wrap instead of overflowing.
 */
final class Plot {
  static final int WIDTH = 960;
  static final int HEIGHT = 300;
  static final int LEFT = 64;
  static final int RIGHT = 16;
  static final int TOP = 14;
  static final int BOTTOM = 44;

  final Scale x;
  final Scale y;
  private final StringBuilder svg = new StringBuilder();

  Plot(Scale x, Scale y, String title, String xLabel, String yLabel) {
    this.x = x;
    this.y = y;
    svg.append(
            f(
                "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">",
                WIDTH, HEIGHT, WIDTH, HEIGHT))
        .append("<title>")
        .append(esc(title))
        .append("</title>");
    axis(x.ticks(), true);
    axis(y.ticks(), false);
    svg.append(
        f(
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"frame\"/>",
            LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
    svg.append(
        f(
            "<text x=\"%d\" y=\"%d\" class=\"label\" text-anchor=\"middle\">%s</text>",
            (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 6, esc(xLabel)));
    svg.append(
        f(
            "<text x=\"14\" y=\"%d\" class=\"label\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">%s</text>",
            (TOP + HEIGHT - BOTTOM) / 2, (TOP + HEIGHT - BOTTOM) / 2, esc(yLabel)));
  }

  /** The pixel range of the x axis and the y axis, for charts to build their scales. */
  static double xFrom() {
    return LEFT;
  }

  static double xTo() {
    return WIDTH - RIGHT;
  }

  static double yFrom() {
    return HEIGHT - BOTTOM;
  }

  static double yTo() {
    return TOP;
  }

  private void axis(List<Double> ticks, boolean horizontal) {
    for (double t : ticks) {
      if (horizontal) {
        double px = x.px(t);
        svg.append(
            f(
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/>",
                px, TOP, px, HEIGHT - BOTTOM));
        svg.append(
            f(
                "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text>",
                px, HEIGHT - BOTTOM + 16, num(t)));
      } else {
        double py = y.px(t);
        svg.append(
            f(
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>",
                LEFT, py, WIDTH - RIGHT, py));
        svg.append(
            f(
                "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s</text>",
                LEFT - 6, py + 4, num(t)));
      }
    }
  }

  /** A line through points given in data units; {@code tooltip} shows on hover. */
  Plot line(double[] xs, double[] ys, String color, String tooltip, double width) {
    StringBuilder pts = new StringBuilder();
    for (int i = 0; i < xs.length; i++) {
      pts.append(f("%.1f,%.1f ", x.px(xs[i]), y.px(ys[i])));
    }
    svg.append(
        f(
            "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\"><title>%s</title></polyline>",
            pts.toString().trim(), color, width, esc(tooltip)));
    return this;
  }

  /** A bar from (x0, y0) to (x1, y1) in data units. */
  Plot rect(double x0, double y0, double x1, double y1, String color, String tooltip) {
    double left = Math.min(x.px(x0), x.px(x1));
    double top = Math.min(y.px(y0), y.px(y1));
    svg.append(
        f(
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>",
            left,
            top,
            Math.abs(x.px(x1) - x.px(x0)),
            Math.abs(y.px(y1) - y.px(y0)),
            color,
            esc(tooltip)));
    return this;
  }

  String svg() {
    return svg + "</svg>";
  }

  /** A legend: one coloured swatch and name per series. */
  static String legend(List<String> names) {
    StringBuilder b = new StringBuilder("<ul class=\"legend\">");
    for (int i = 0; i < names.size(); i++) {
      b.append(
          f(
              "<li><span class=\"swatch\" style=\"background:%s\"></span>%s</li>",
              Html.color(i), esc(names.get(i))));
    }
    return b.append("</ul>").toString();
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
