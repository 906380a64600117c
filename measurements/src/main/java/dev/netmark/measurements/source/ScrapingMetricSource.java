package dev.netmark.measurements.source;

import dev.netmark.api.MetricSource;
import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.PodEventCodec;
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
  /** Pages of records read from one node in one call, so one busy node can't stall a read. */
  private static final int MAX_PAGES_PER_READ = 50;

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
    NodeScraper.Result<List<PodEvent>> result =
        scraper.readAll(now.nodes(), node -> readEvents(now.client(), node, from.next(node)));
    List<PodEvent> events = new ArrayList<>();
    Map<String, Long> next = new HashMap<>(from.nextSeqByNode());
    result
        .byNode()
        .forEach(
            (node, nodeEvents) -> {
              events.addAll(nodeEvents);
              if (!nodeEvents.isEmpty()) {
                next.put(node, nodeEvents.getLast().seq() + 1);
              }
            });
    return new EventBatch(true, events, new Cursor(next), result.coverage());
  }

  private static List<PodEvent> readEvents(ShimClient client, String node, long cursor)
      throws Exception {
    List<PodEvent> events = new ArrayList<>();
    long next = cursor;
    for (int page = 0; page < MAX_PAGES_PER_READ; page++) {
      String body = client.get(node, MetricNames.PATH_RECORDS + "?cursor=" + next);
      List<PodEvent> pageEvents =
          body.lines().filter(l -> !l.isBlank()).map(PodEventCodec::fromJson).toList();
      if (pageEvents.isEmpty()) {
        break;
      }
      events.addAll(pageEvents);
      next = pageEvents.getLast().seq() + 1;
    }
    return events;
  }

  @Override
  public Histogram histogram(String metric, Map<String, String> labels)
      throws InterruptedException {
    Targets now = targets.get();
    NodeScraper.Result<List<Sample>> result =
        scraper.readAll(
            now.nodes(),
            node -> PrometheusTextParser.parse(now.client().get(node, MetricNames.PATH_METRICS)));
    List<Sample> all = new ArrayList<>();
    result.byNode().values().forEach(all::addAll);
    return Histograms.sum(metric, labels, all, result.coverage());
  }
}
