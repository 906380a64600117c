package dev.netmark.measurements.source.prometheus;

import dev.netmark.api.MetricSource;
import dev.netmark.api.NetmarkException;
import dev.netmark.measurements.source.Histograms;
import dev.netmark.measurements.source.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code prometheus}: histograms from a Prometheus server that scrapes the shims, one query per
 * read instead of one request per node. Prometheus keeps no per-pod records, so {@link #events}
 * says none are available and measurements fall back to histograms.
 */
final class PrometheusMetricSource implements MetricSource {
  private final PromClient client;
  private final PromQueries queries;
  private final ScrapeCoverage coverage;

  PrometheusMetricSource(PromClient client, PromQueries queries, ScrapeCoverage coverage) {
    this.client = client;
    this.queries = queries;
    this.coverage = coverage;
  }

  @Override
  public EventBatch events(Cursor from) {
    return new EventBatch(false, List.of(), from, new Coverage(0, Map.of()));
  }

  @Override
  public Histogram histogram(String metric, Map<String, String> labels)
      throws InterruptedException {
    Coverage covered = coverage.await();
    List<Sample> samples = new ArrayList<>();
    String bucketQuery = queries.buckets(metric, labels);
    for (Sample s : client.vector(bucketQuery)) {
      String le = s.labels().get("le");
      if (le == null) {
        throw new NetmarkException(
            "metric source prometheus at "
                + client.url()
                + ", query '"
                + bucketQuery
                + "': a result without an le label: "
                + s.labels());
      }
      samples.add(new Sample(metric + "_bucket", Map.of("le", le), s.value()));
    }
    if (samples.isEmpty() && client.vector(queries.anyShimSeries()).isEmpty()) {
      throw new NetmarkException(
          "metric source prometheus at "
              + client.url()
              + ", query '"
              + queries.anyShimSeries()
              + "': no netmark_ series at all; do the selected targets serve the shims'"
              + " /metrics?");
    }
    for (Sample s : client.vector(queries.sum(metric, labels))) {
      samples.add(new Sample(metric + "_sum", Map.of(), s.value()));
    }
    try {
      return Histograms.sum(metric, Map.of(), samples, covered);
    } catch (IllegalArgumentException e) {
      throw new NetmarkException(
          "metric source prometheus at "
              + client.url()
              + ", query '"
              + bucketQuery
              + "': "
              + e.getMessage(),
          e);
    }
  }
}
