package dev.netmark.measurements.network;

import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import dev.netmark.contract.MetricNames;
import dev.netmark.engine.measurement.Percentiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code NetworkReadyThroughput}: network-ready pods per second over the window, cluster-wide and
 * per node (min, median, max across nodes), and a per-second time series in a data file.
 *
 * <p>With {@code span: ready} (the default) a rate is {@code (n - 1) / (last - first)} over the
 * NETWORK_READY times: n events span n - 1 intervals, so idle time before the first and after the
 * last pod does not dilute it. With {@code span: window} it is {@code n / (gather - start)}.
 */
final class NetworkReadyThroughput implements Analysis {
  static final String NAME = "NetworkReadyThroughput";
  static final String THROUGHPUT = "throughput";
  static final String PER_NODE = "throughput_per_node";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void validate(Params params) {
    span(params);
  }

  @Override
  public List<Series> histograms() {
    return List.of(
        new Series(MetricNames.NETWORK_READY, MetricNames.NETWORK_READY_SECONDS, Map.of()));
  }

  @Override
  public Summary exact(Params params, Window window) {
    boolean readySpan = span(params).equals("ready");
    Map<String, List<Long>> byNode = new TreeMap<>();
    List<Long> all = new ArrayList<>();
    for (PodRecord p : window.fold().pods()) {
      PodRecord.Timed ready = p.duration(MetricNames.NETWORK_READY);
      if (ready != null) {
        all.add(ready.wallMs());
        byNode.computeIfAbsent(p.node(), n -> new ArrayList<>()).add(ready.wallMs());
      }
    }
    List<String> notes = new ArrayList<>();
    ReadySeries series = ReadySeries.of(window, byNode);
    Path file = DataFiles.write(window, NAME, "timeseries", series);
    notes.add("time series (pods network-ready per second, total and per node): " + file);
    if (all.isEmpty()) {
      notes.add("no selected pod became network-ready between start and gather");
      return new Summary(NAME, List.of(), List.of(), notes);
    }
    List<DataItem> items = new ArrayList<>();
    double overall = rate(all, window, readySpan);
    if (readySpan && Double.isNaN(overall)) {
      notes.add("fewer than two distinct NETWORK_READY times: the overall rate uses start..gather");
      overall = rate(all, window, false);
    }
    items.add(
        new DataItem(
            Map.of(
                "Average",
                overall,
                "Peak",
                (double) series.peak(),
                StatItems.COUNT,
                (double) all.size()),
            "1/s",
            Map.of("Metric", THROUGHPUT)));
    List<Double> nodeRates = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    byNode.forEach(
        (node, times) -> {
          double r = rate(times, window, readySpan);
          if (Double.isNaN(r)) {
            skipped.add(node);
          } else {
            nodeRates.add(r);
          }
        });
    if (!nodeRates.isEmpty()) {
      Percentiles p = Percentiles.of(nodeRates);
      items.add(
          new DataItem(
              Map.of(
                  "Min",
                  java.util.Collections.min(nodeRates),
                  "Perc50",
                  p.get(50),
                  "Max",
                  p.max(),
                  StatItems.COUNT,
                  (double) nodeRates.size()),
              "1/s",
              Map.of("Metric", PER_NODE)));
    }
    if (!skipped.isEmpty()) {
      notes.add(
          "per node: left out nodes with fewer than two ready pods: " + String.join(", ", skipped));
    }
    notes.add(
        readySpan
            ? "rates over first..last NETWORK_READY time as (n-1)/span (node clocks)"
            : "rates over start..gather (" + window.seconds() + " s) as n/window");
    return new Summary(NAME, items, List.of(), notes);
  }

  @Override
  public Summary fromHistograms(Params params, HistogramWindow window) {
    long ready = window.get(MetricNames.NETWORK_READY).count();
    List<DataItem> items = new ArrayList<>();
    if (window.seconds() > 0) {
      items.add(
          new DataItem(
              Map.of("Average", ready / window.seconds(), StatItems.COUNT, (double) ready),
              "1/s",
              Map.of("Metric", THROUGHPUT)));
    }
    return new Summary(
        NAME,
        items,
        List.of(),
        List.of(
            "rate = network-ready observations / start..gather ("
                + window.seconds()
                + " s); per-node rates and the time series need per-pod records"));
  }

  /** NaN when the ready span has fewer than two distinct times. */
  private static double rate(List<Long> times, Window window, boolean readySpan) {
    if (!readySpan) {
      return window.seconds() > 0 ? times.size() / window.seconds() : Double.NaN;
    }
    long first = times.stream().mapToLong(Long::longValue).min().orElseThrow();
    long last = times.stream().mapToLong(Long::longValue).max().orElseThrow();
    return last > first ? (times.size() - 1) / ((last - first) / 1000.0) : Double.NaN;
  }

  private static String span(Params params) {
    String span = params.string("span", "ready");
    if (!span.equals("ready") && !span.equals("window")) {
      throw params.error("span", "expected ready or window, found '" + span + "'");
    }
    return span;
  }
}
