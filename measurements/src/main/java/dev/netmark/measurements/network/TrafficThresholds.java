package dev.netmark.measurements.network;

import dev.netmark.api.Params;
import dev.netmark.api.Summary.DataItem;
import dev.netmark.api.Summary.SloViolation;
import dev.netmark.api.Thresholds;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ApplicationTraffic}'s limits: {@code thresholds} on {@code request_latency} and {@code
 * service_ready} (durations, statistics Perc50/90/99/Max) and on {@code errors} (plain numbers:
 * counts {@code Count}, {@code Steady}, {@code Rollout}, shares of the requests {@code
 * SteadyShare}, {@code RolloutShare}), each checked on every edge's item ({@code service_ready}:
 * every tier's). Without an {@code errors} threshold, a steady-state error on any edge fails the
 * run; rollout errors fail only by a threshold. {@code minRequests} (default 1): fewer requests in
 * the whole window fail it too, so a model whose clients never called is not a pass.
 *
 * @param limits the parsed thresholds
 * @param errorsGiven whether {@code thresholds.errors} was given
 * @param minRequests the fewest requests the window must hold
 */
record TrafficThresholds(Thresholds limits, boolean errorsGiven, long minRequests) {
  static final List<String> LATENCIES =
      List.of(TrafficItems.REQUEST_LATENCY, TrafficItems.SERVICE_READY);
  static final String MIN_REQUESTS = "minRequests";

  /**
   * @throws dev.netmark.api.ConfigException naming the key of a bad threshold or minRequests
   */
  static TrafficThresholds parse(Params params) {
    Params section = params.nested("thresholds");
    for (String metric : section.asMap().keySet()) {
      List<String> allowed =
          metric.equals(TrafficItems.ERRORS)
              ? TrafficItems.ERROR_STATISTICS
              : LATENCIES.contains(metric) ? StatItems.STATISTICS : null;
      if (allowed == null) {
        throw section.error(
            metric,
            "unknown metric; expected one of "
                + String.join(", ", LATENCIES)
                + ", "
                + TrafficItems.ERRORS);
      }
      Params stats = section.nested(metric);
      for (Map.Entry<String, Object> e : stats.asMap().entrySet()) {
        if (!allowed.contains(e.getKey())) {
          throw stats.error(
              e.getKey(), "unknown statistic; expected one of " + String.join(", ", allowed));
        }
        if (metric.equals(TrafficItems.ERRORS) && !(e.getValue() instanceof Number)) {
          throw stats.error(
              e.getKey(),
              "expected a number (a count, or a share of the requests from 0 to 1), found '"
                  + e.getValue()
                  + "'");
        }
      }
    }
    Set<String> statistics = new LinkedHashSet<>(StatItems.STATISTICS);
    statistics.addAll(TrafficItems.ERROR_STATISTICS);
    List<String> metrics = new ArrayList<>(LATENCIES);
    metrics.add(TrafficItems.ERRORS);
    long min = params.integer(MIN_REQUESTS, 1);
    if (min < 0) {
      throw params.error(MIN_REQUESTS, "must be 0 or more, found " + min);
    }
    return new TrafficThresholds(
        Thresholds.parse(params, metrics, statistics),
        section.asMap().containsKey(TrafficItems.ERRORS),
        min);
  }

  /**
   * The breaches among {@code items} (each edge's, each tier's {@code service_ready}); {@code
   * notes} gets which edge or tier each one is on.
   */
  List<SloViolation> check(List<DataItem> items, long requests, List<String> notes) {
    List<SloViolation> out = new ArrayList<>();
    for (DataItem item : items) {
      List<SloViolation> breached = new ArrayList<>(limits.checkPresent(List.of(item)));
      Double steady = item.data().get(TrafficItems.STEADY);
      if (!errorsGiven
          && TrafficItems.ERRORS.equals(item.labels().get("Metric"))
          && steady != null
          && steady > 0) {
        breached.add(
            new SloViolation(TrafficItems.ERRORS, TrafficItems.STEADY, 0, steady, item.unit()));
      }
      for (SloViolation v : breached) {
        SloViolation shown =
            new SloViolation(
                v.metric(), v.statistic(), v.threshold(), v.actual(), unit(v), v.bound());
        out.add(shown);
        notes.add("breached on " + where(item) + ": " + shown);
      }
    }
    for (SloViolation v : limits.missing(items)) {
      out.add(SloViolation.noData(v.metric(), v.statistic(), v.threshold(), unit(v)));
    }
    if (requests < minRequests) {
      out.add(
          new SloViolation(
              TrafficItems.REQUESTS,
              StatItems.COUNT,
              minRequests,
              requests,
              TrafficItems.REQUESTS,
              SloViolation.Bound.MIN));
    }
    return out;
  }

  /** Latencies in ms; error counts in requests; error shares are a share of the requests. */
  private static String unit(SloViolation v) {
    if (!v.metric().equals(TrafficItems.ERRORS)) {
      return "ms";
    }
    return v.statistic().endsWith("Share") ? "share" : TrafficItems.REQUESTS;
  }

  private static String where(DataItem item) {
    String tier = item.labels().get(TrafficItems.TIER_LABEL);
    return tier != null ? "tier " + tier : "edge " + item.labels().get(TrafficItems.EDGE_LABEL);
  }
}
