package dev.netmark.measurements.source.prometheus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The PromQL the source runs. Histograms are read as cumulative bucket sums at the time of the
 * read, not as {@code increase()} over a window: the engine subtracts a start snapshot from a
 * gather snapshot as it does for the scraping sources, so all sources compute quantiles with the
 * same code, and the counts stay whole numbers ({@code increase()} extrapolates to the window's
 * edges, which biases counts of series that begin inside the window, as every series of a fresh run
 * does).
 */
record PromQueries(String selector) {

  /** Prometheus's clock, so freshness does not depend on the engine's clock. */
  static String now() {
    return "time()";
  }

  /** When each target was last scraped. */
  String scrapeTimes() {
    return "timestamp(" + up() + ")";
  }

  /** Whether each target's last scrape succeeded. */
  String up() {
    return "up" + matchers(Map.of());
  }

  /** Cumulative bucket counts summed over every target, one sample per {@code le}. */
  String buckets(String metric, Map<String, String> labels) {
    return "sum by (le) (" + metric + "_bucket" + matchers(labels) + ")";
  }

  /** How many netmark series match at all: tells "no observations yet" from "not the shims". */
  String anyShimSeries() {
    return "count({" + (selector.isEmpty() ? "" : selector + ",") + "__name__=~\"netmark_.+\"})";
  }

  /** The sum of observations over every target. */
  String sum(String metric, Map<String, String> labels) {
    return "sum(" + metric + "_sum" + matchers(labels) + ")";
  }

  private String matchers(Map<String, String> labels) {
    List<String> parts = new ArrayList<>();
    if (!selector.isEmpty()) {
      parts.add(selector);
    }
    new TreeMap<>(labels).forEach((k, v) -> parts.add(k + "=\"" + escape(v) + "\""));
    return "{" + String.join(",", parts) + "}";
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
