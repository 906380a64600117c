package dev.netmark.measurements.source.prometheus;

import dev.netmark.api.MetricSource.Coverage;
import dev.netmark.api.NetmarkException;
import dev.netmark.measurements.source.Sample;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Which nodes a read covers. A read first waits until Prometheus has scraped every target after the
 * read began, so a snapshot holds what every shim had recorded by then, as a direct scrape would;
 * targets that stay behind, fail their scrapes ({@code up == 0}) or, when targets carry the node
 * label, nodes of the cluster without a target are reported by name.
 */
final class ScrapeCoverage {
  private static final long POLL_MS = 100;

  private final PromClient client;
  private final PromQueries queries;
  private final String nodeLabel;
  private final Duration wait;
  private final Supplier<List<String>> clusterNodes;

  ScrapeCoverage(
      PromClient client,
      PromQueries queries,
      String nodeLabel,
      Duration wait,
      Supplier<List<String>> clusterNodes) {
    this.client = client;
    this.queries = queries;
    this.nodeLabel = nodeLabel;
    this.wait = wait;
    this.clusterNodes = clusterNodes;
  }

  Coverage await() throws InterruptedException {
    double began = client.scalar(PromQueries.now());
    long deadline = System.nanoTime() + wait.toNanos();
    // Right after Prometheus starts, or a target is added, there are no scrapes yet: wait too.
    Map<String, Double> lastScrape = lastScrapes();
    while ((lastScrape.isEmpty() || lastScrape.values().stream().anyMatch(t -> t < began))
        && System.nanoTime() < deadline) {
      Thread.sleep(POLL_MS);
      lastScrape = lastScrapes();
    }
    if (lastScrape.isEmpty()) {
      throw new NetmarkException(
          "metric source prometheus at "
              + client.url()
              + ", query '"
              + queries.scrapeTimes()
              + "': no scrape targets within scrape-wait "
              + wait.toMillis()
              + " ms; is Prometheus scraping the shims, and does the selector match their"
              + " targets?");
    }
    Map<String, String> failed = new TreeMap<>();
    lastScrape.forEach(
        (node, t) -> {
          if (t < began) {
            failed.put(
                node,
                String.format(
                    "last scraped %.1f s before the read, none newer within scrape-wait %d ms",
                    began - t, wait.toMillis()));
          }
        });
    List<Sample> ups = client.vector(queries.up());
    for (Sample up : ups) {
      if (up.value() != 1) {
        failed.put(name(up), "Prometheus cannot scrape it (up=" + fmt(up.value()) + ")");
      }
    }
    int asked = lastScrape.size();
    if (ups.stream().anyMatch(s -> s.labels().containsKey(nodeLabel))) {
      for (String node : clusterNodes.get()) {
        if (!lastScrape.containsKey(node)) {
          failed.put(node, "no Prometheus target with " + nodeLabel + "=\"" + node + "\"");
          asked++;
        }
      }
    }
    return new Coverage(asked, failed);
  }

  /** Per node, the oldest last scrape of its targets, in Prometheus's seconds. */
  private Map<String, Double> lastScrapes() throws InterruptedException {
    List<Sample> times = client.vector(queries.scrapeTimes());
    Map<String, Double> out = new TreeMap<>();
    for (Sample s : times) {
      out.merge(name(s), s.value(), Math::min);
    }
    return out;
  }

  private String name(Sample target) {
    String node = target.labels().get(nodeLabel);
    if (node != null) {
      return node;
    }
    String instance = target.labels().get("instance");
    return instance != null ? instance : new TreeMap<>(target.labels()).toString();
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
