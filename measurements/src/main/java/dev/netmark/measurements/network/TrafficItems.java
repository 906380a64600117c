package dev.netmark.measurements.network;

import dev.netmark.api.Summary.DataItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The perfdash items of one edge or tier of an application model: {@code requests}, {@code errors},
 * {@code request_latency} and {@code throughput} (docs/design.md, "Application models").
 */
final class TrafficItems {
  static final String REQUESTS = "requests";
  static final String ERRORS = "errors";
  static final String REQUEST_LATENCY = "request_latency";
  static final String THROUGHPUT = "throughput";
  static final String SERVICE_READY = "service_ready";

  static final String STEADY = "Steady";
  static final String ROLLOUT = "Rollout";
  static final String STEADY_SHARE = "SteadyShare";
  static final String ROLLOUT_SHARE = "RolloutShare";

  /** The statistics of {@code errors} a threshold may name. */
  static final List<String> ERROR_STATISTICS =
      List.of(StatItems.COUNT, STEADY, ROLLOUT, STEADY_SHARE, ROLLOUT_SHARE);

  static final String EDGE_LABEL = "Edge";
  static final String TIER_LABEL = "Tier";

  private TrafficItems() {}

  /** Labels of an edge's items. */
  static Map<String, String> edge(String edge) {
    return Map.of(EDGE_LABEL, edge);
  }

  /** Labels of a server tier's items: every edge into it. */
  static Map<String, String> tier(String tier) {
    return Map.of(EDGE_LABEL, "*->" + tier, TIER_LABEL, tier);
  }

  /**
   * @param seconds the window's length, for the average throughput
   */
  static List<DataItem> of(TrafficTally t, Map<String, String> labels, double seconds) {
    List<DataItem> items = new ArrayList<>();
    Map<String, Double> requests = new LinkedHashMap<>();
    requests.put(StatItems.COUNT, (double) t.requests);
    requests.put("Answered", (double) t.answered);
    items.add(new DataItem(requests, REQUESTS, with(REQUESTS, labels)));
    Map<String, Double> errors = new LinkedHashMap<>();
    errors.put(StatItems.COUNT, (double) t.errors());
    errors.put(STEADY, (double) t.steady);
    errors.put(ROLLOUT, (double) t.rollout);
    errors.put(STEADY_SHARE, share(t.steady, t.requests));
    errors.put(ROLLOUT_SHARE, share(t.rollout, t.requests));
    t.causes().forEach((cause, n) -> errors.put(cause, (double) n));
    items.add(new DataItem(errors, REQUESTS, with(ERRORS, labels)));
    if (!t.latencyMs.isEmpty()) {
      items.add(StatItems.millis(REQUEST_LATENCY, t.latencyMs, labels));
    }
    Map<String, Double> rate = new LinkedHashMap<>();
    rate.put("Average", t.answered / Math.max(seconds, 0.001));
    rate.put("Peak", (double) t.peakAnswered());
    items.add(new DataItem(rate, "1/s", with(THROUGHPUT, labels)));
    return items;
  }

  private static double share(long part, long whole) {
    return whole == 0 ? 0 : part / (double) whole;
  }

  private static Map<String, String> with(String metric, Map<String, String> labels) {
    Map<String, String> out = new LinkedHashMap<>(labels);
    out.put("Metric", metric);
    return out;
  }
}
