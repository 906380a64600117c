package dev.netmark.api;

import dev.netmark.api.Summary.DataItem;
import java.util.Collection;
import java.util.Map;

/** Perfdash data items for latencies. */
public final class LatencyItems {
  private LatencyItems() {}

  /**
   * {@code Perc50}, {@code Perc90}, {@code Perc99} of the samples in milliseconds, labelled {@code
   * Metric: <metric>}.
   *
   * @throws IllegalStateException when there are no samples
   */
  public static DataItem of(String metric, Collection<? extends Number> millis) {
    return new DataItem(Percentiles.of(millis).perfdash(), "ms", Map.of("Metric", metric));
  }
}
