package dev.netmark.measurements.source;

import dev.netmark.api.MetricSource;
import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A metric source that reads every node's shim: {@code /records} for exact per-pod events and
 * {@code /metrics} for histograms. How a node is reached ({@code direct} or {@code proxy}) is the
 * {@link ShimClient}'s business.
 */
final class ScrapingMetricSource implements MetricSource {
  /** The nodes of one read and how to reach them; listed per read, as nodes come and go. */
  record Targets(List<String> nodes, ShimClient client) {}

  private final Supplier<Targets> targets;
  private final NodeScraper scraper;

  ScrapingMetricSource(Supplier<Targets> targets, NodeScraper scraper) {
    this.targets = targets;
    this.scraper = scraper;
  }

  @Override
  public EventBatch events(Cursor from) throws InterruptedException {
    Targets now = targets.get();
    NodeScraper.Result<NodeRecords.Read> result =
        scraper.readAll(now.nodes(), node -> NodeRecords.read(now.client(), node, from.next(node)));
    List<PodEvent> events = new ArrayList<>();
    Map<String, Long> next = new HashMap<>(from.nextSeqByNode());
    boolean caughtUp = true;
    for (Map.Entry<String, NodeRecords.Read> e : result.byNode().entrySet()) {
      events.addAll(e.getValue().events());
      next.put(e.getKey(), e.getValue().next());
      caughtUp &= !e.getValue().more();
    }
    return new EventBatch(true, events, new Cursor(next), result.coverage(), caughtUp);
  }

  @Override
  public EventBatch tail() throws InterruptedException {
    Targets now = targets.get();
    NodeScraper.Result<Long> result =
        scraper.readAll(now.nodes(), node -> NodeRecords.end(now.client(), node));
    return new EventBatch(true, List.of(), new Cursor(result.byNode()), result.coverage(), true);
  }

  @Override
  public Histogram histogram(String metric, Map<String, String> labels)
      throws InterruptedException {
    Targets now = targets.get();
    NodeScraper.Result<List<Sample>> result =
        scraper.readAll(
            now.nodes(),
            node ->
                PrometheusTextParser.parse(
                    now.client().get(node, MetricNames.PATH_METRICS).body()));
    List<Sample> all = new ArrayList<>();
    result.byNode().values().forEach(all::addAll);
    return Histograms.sum(metric, labels, all, result.coverage());
  }
}
