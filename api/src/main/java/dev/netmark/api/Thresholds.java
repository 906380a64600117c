package dev.netmark.api;

import dev.netmark.api.Summary.DataItem;
import dev.netmark.api.Summary.SloViolation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Latency limits of a measurement, written as {@code thresholds: {create_to_running: {Perc99:
 * 5s}}}: per metric, per statistic, a duration (or a plain number of milliseconds). A value above
 * its limit is an {@link SloViolation}, a result rather than an error.
 */
public final class Thresholds {
  private final Map<String, Map<String, Double>> limitsMs;

  private Thresholds(Map<String, Map<String, Double>> limitsMs) {
    this.limitsMs = limitsMs;
  }

  /**
   * Reads {@code params.thresholds}, absent meaning none.
   *
   * @param metrics the metric names the measurement reports
   * @throws dev.netmark.api.ConfigException naming the key for an unknown metric or statistic or a
   *     value that is not a duration
   */
  public static Thresholds parse(Params params, Collection<String> metrics) {
    return parse(params, metrics, Percentiles.PERFDASH.keySet());
  }

  /**
   * As {@link #parse(Params, Collection)} for data items with other statistics, e.g. {@code Max}
   * besides the perfdash percentiles.
   *
   * @param statistics the data keys a threshold may name
   */
  public static Thresholds parse(
      Params params, Collection<String> metrics, Collection<String> statistics) {
    Map<String, Collection<String>> byMetric = new LinkedHashMap<>();
    metrics.forEach(m -> byMetric.put(m, statistics));
    return parse(params, byMetric);
  }

  /**
   * As {@link #parse(Params, Collection, Collection)} for metrics with statistics of their own,
   * e.g. percentiles of a latency beside the {@code Count} of failures.
   *
   * @param statistics the data keys a threshold may name, by metric, in the order errors list them
   */
  public static Thresholds parse(
      Params params, Map<String, ? extends Collection<String>> statistics) {
    Params section = params.nested("thresholds");
    Map<String, Map<String, Double>> limits = new LinkedHashMap<>();
    for (String metric : section.asMap().keySet()) {
      Collection<String> allowed = statistics.get(metric);
      if (allowed == null) {
        throw section.error(
            metric, "unknown metric; expected one of " + String.join(", ", statistics.keySet()));
      }
      Params stats = section.nested(metric);
      Map<String, Double> byStat = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : stats.asMap().entrySet()) {
        if (!allowed.contains(e.getKey())) {
          throw stats.error(
              e.getKey(), "unknown statistic; expected one of " + String.join(", ", allowed));
        }
        byStat.put(e.getKey(), millis(stats, e.getKey(), e.getValue()));
      }
      limits.put(metric, byStat);
    }
    return new Thresholds(limits);
  }

  /**
   * The breaches among {@code items} (unit ms, label {@code Metric}), in item order, then a "no
   * data" violation for every limit whose metric has no item or whose item lacks the statistic: a
   * threshold on nothing fails rather than passes.
   */
  public List<SloViolation> check(List<DataItem> items) {
    List<SloViolation> out = checkPresent(items);
    out.addAll(missing(items));
    return out;
  }

  /** Only the breaches among the items present, for partial views such as one phase of a run. */
  public List<SloViolation> checkPresent(List<DataItem> items) {
    List<SloViolation> out = new ArrayList<>();
    for (DataItem item : items) {
      String metric = item.labels().get("Metric");
      limitsMs
          .getOrDefault(metric, Map.of())
          .forEach(
              (stat, limit) -> {
                Double actual = item.data().get(stat);
                if (actual != null && actual > limit) {
                  out.add(new SloViolation(metric, stat, limit, actual, item.unit()));
                }
              });
    }
    return out;
  }

  /** A "no data" violation for every limit that no item of {@code items} carries a value for. */
  public List<SloViolation> missing(List<DataItem> items) {
    List<SloViolation> out = new ArrayList<>();
    limitsMs.forEach(
        (metric, byStat) ->
            byStat.forEach(
                (stat, limit) -> {
                  boolean present =
                      items.stream()
                          .anyMatch(
                              i ->
                                  metric.equals(i.labels().get("Metric"))
                                      && i.data().get(stat) != null
                                      && !i.data().get(stat).isNaN());
                  if (!present) {
                    out.add(SloViolation.noData(metric, stat, limit, "ms"));
                  }
                }));
    return out;
  }

  public boolean isEmpty() {
    return limitsMs.isEmpty();
  }

  private static double millis(Params stats, String key, Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Durations.parse(String.valueOf(value)).toNanos() / 1e6;
    } catch (IllegalArgumentException e) {
      throw stats.error(key, e.getMessage());
    }
  }
}
