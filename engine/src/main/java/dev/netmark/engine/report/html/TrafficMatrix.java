package dev.netmark.engine.report.html;

import static dev.netmark.engine.report.html.Html.esc;
import static dev.netmark.engine.report.html.Html.num;

import dev.netmark.engine.report.data.TrafficData;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An application model's traffic as a heatmap: client tiers down, server tiers across, each cell
 * the requests of that edge and the share of them that failed, coloured from green (no error) to
 * red (10% or more failed). A cell without an edge is grey.
 */
final class TrafficMatrix {
  static final String NO_EDGE = "#eef0f3";
  static final String NO_ERROR = "#d8f0dc";
  private static final int LABEL = 160;
  private static final int HEAD = 40;
  private static final int CELL_H = 44;
  private static final int MAX_CELL_W = 150;
  private static final int WIDTH = 960;

  /** The error share drawn in full red. */
  static final double RED_SHARE = 0.10;

  private TrafficMatrix() {}

  static String html(TrafficData traffic) {
    Set<String> clients = new LinkedHashSet<>();
    Set<String> servers = new LinkedHashSet<>();
    traffic.edges().forEach(e -> clients.add(e.client()));
    traffic.edges().forEach(e -> servers.add(e.server()));
    List<String> rows = new ArrayList<>(clients);
    List<String> cols = new ArrayList<>(servers);
    int cell = Math.min(MAX_CELL_W, (WIDTH - LABEL) / Math.max(1, cols.size()));
    int width = LABEL + cell * cols.size() + 2;
    int height = HEAD + CELL_H * rows.size() + 2;
    StringBuilder b = new StringBuilder();
    b.append(
        f(
            "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\"><title>traffic matrix: requests and error share per edge</title>",
            width, height, width, height));
    b.append(
        f(
            "<text x=\"%d\" y=\"14\" class=\"label\" text-anchor=\"end\">client \u2193 server \u2192</text>",
            LABEL - 8));
    for (int c = 0; c < cols.size(); c++) {
      b.append(
          f(
              "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text>",
              LABEL + c * cell + cell / 2, HEAD - 8, esc(cols.get(c))));
    }
    for (int r = 0; r < rows.size(); r++) {
      int y = HEAD + r * CELL_H;
      b.append(
          f(
              "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"end\">%s</text>",
              LABEL - 8, y + CELL_H / 2 + 4, esc(rows.get(r))));
      for (int c = 0; c < cols.size(); c++) {
        b.append(cell(traffic, rows.get(r), cols.get(c), LABEL + c * cell, y, cell));
      }
    }
    b.append("</svg>");
    return "<figure>"
        + b
        + "<p class=\"muted\">Each cell: requests of the edge and the share that failed (steady"
        + " state and during tier changes); green: none failed, red: "
        + num(RED_SHARE * 100)
        + "% or more.</p></figure>";
  }

  private static String cell(
      TrafficData traffic, String client, String server, int x, int y, int w) {
    TrafficData.Edge edge =
        traffic.edges().stream()
            .filter(e -> e.client().equals(client) && e.server().equals(server))
            .findFirst()
            .orElse(null);
    if (edge == null) {
      return f(
          "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#fff\"><title>%s</title></rect>",
          x, y, w, CELL_H, NO_EDGE, esc(client + "->" + server + ": no edge"));
    }
    double share = edge.requestCount() == 0 ? 0 : edge.errorCount() / (double) edge.requestCount();
    String tip =
        edge.edge()
            + ": "
            + edge.requestCount()
            + " requests, "
            + edge.errorCount()
            + " errors ("
            + percent(share)
            + ")";
    return f(
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#fff\"><title>%s</title></rect>",
            x, y, w, CELL_H, color(share, edge.errorCount()), esc(tip))
        + text(x + w / 2, y + 18, edge.requestCount() + " req", share)
        + text(x + w / 2, y + 34, percent(share) + " err", share);
  }

  // Dark text on light cells, white on the reds.
  private static String text(int x, int y, String what, double share) {
    return f(
        "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"middle\"%s>%s</text>",
        x, y, share >= RED_SHARE / 2 ? " style=\"fill:#fff\"" : "", esc(what));
  }

  /** Green without errors; else from light orange to red at {@link #RED_SHARE}. */
  static String color(double share, long errors) {
    if (errors == 0) {
      return NO_ERROR;
    }
    double t = Math.min(1, share / RED_SHARE);
    int g = (int) Math.round(0xd0 - t * (0xd0 - 0x30));
    int bl = (int) Math.round(0x90 - t * (0x90 - 0x2b));
    return String.format(Locale.ROOT, "#%02x%02x%02x", 0xf0 - (int) Math.round(t * 0x20), g, bl);
  }

  private static String percent(double share) {
    return num(share * 100) + "%";
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
