package dev.netmark.measurements.network;

import dev.netmark.api.Params;
import dev.netmark.api.Percentiles;
import dev.netmark.api.ReportFiles;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import dev.netmark.api.SummaryData;
import dev.netmark.api.TimeSeries;
import dev.netmark.contract.MetricNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * {@code NetworkReadyThroughput}: network-ready pods per second, cluster-wide and per node, and a
 * per-second time series in a data file (docs/design.md, "Throughput").
 *
 * <p>Everything counts whole seconds of one series: Peak is the largest count in one second,
 * Average is the pods over the seconds of the window ({@code span: ready}, the default: from the
 * first to the last second with a ready pod; {@code span: window}: start..gather), so Average never
 * exceeds Peak, and a node's rate is its pods over the same seconds, so the nodes' rates add up to
 * the Average. Sustained is the pods over first create request..last ready pod, the rate a paced
 * creation actually achieved.
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
  public boolean needsPods() {
    return true; // create requests for the sustained rate
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
    long firstCreate = Long.MAX_VALUE;
    for (PodRecord p : window.fold().pods()) {
      PodRecord.Timed ready = p.duration(MetricNames.NETWORK_READY);
      if (ready != null) {
        all.add(ready.wallMs());
        byNode.computeIfAbsent(p.node(), n -> new ArrayList<>()).add(ready.wallMs());
        OptionalLong created = window.createdMs(p.uid());
        if (created.isPresent() && created.getAsLong() > 0) {
          firstCreate = Math.min(firstCreate, created.getAsLong());
        }
      }
    }
    List<String> notes = new ArrayList<>();
    ReadySeries series = ReadySeries.of(window, byNode);
    SummaryData data =
        DataFiles.data(
            window,
            List.of(),
            List.of(
                new TimeSeries(
                    series.originMs(), series.intervalMs(), series.total(), series.perNode())),
            List.of());
    notes.add(
        "time series (pods network-ready per second, total and per node): "
            + DataFiles.path(window, NAME, ReportFiles.TIMESERIES));
    if (all.isEmpty()) {
      notes.add("no selected pod became network-ready between start and gather");
      return new Summary(NAME, List.of(), List.of(), notes).withData(data);
    }
    long seconds = readySpan ? series.readySeconds() : series.windowSeconds(window.gatherMs());
    long lastReady = all.stream().mapToLong(Long::longValue).max().orElseThrow();
    Map<String, Double> overall = new LinkedHashMap<>();
    overall.put("Average", all.size() / (double) seconds);
    overall.put("Peak", (double) series.peak());
    if (firstCreate < lastReady) {
      overall.put("Sustained", all.size() / ((lastReady - firstCreate) / 1000.0));
    } else {
      notes.add("no sustained rate: no ready pod has a create request before the last ready pod");
    }
    overall.put(StatItems.COUNT, (double) all.size());
    List<DataItem> items = new ArrayList<>();
    items.add(new DataItem(overall, "1/s", Map.of("Metric", THROUGHPUT)));
    List<Double> nodeRates = new ArrayList<>();
    byNode.values().forEach(times -> nodeRates.add(times.size() / (double) seconds));
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
    notes.add(
        (readySpan
                ? "Average and per-node rates: pods over the "
                    + seconds
                    + " s from the first to the last second with a ready pod"
                : "Average and per-node rates: pods over the " + seconds + " s of start..gather")
            + "; Peak: most pods ready in one second (node clocks)"
            + (overall.containsKey("Sustained")
                ? "; Sustained: pods over first create request (engine clock) to last ready pod ("
                    + String.format(Locale.ROOT, "%.3f", (lastReady - firstCreate) / 1000.0)
                    + " s)"
                : ""));
    return new Summary(NAME, items, List.of(), notes).withData(data);
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

  private static String span(Params params) {
    String span = params.string("span", "ready");
    if (!span.equals("ready") && !span.equals("window")) {
      throw params.error("span", "expected ready or window, found '" + span + "'");
    }
    return span;
  }
}
