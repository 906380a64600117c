package dev.netmark.measurements.source;

import dev.netmark.api.MetricSource;
import dev.netmark.api.MetricSourceFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/** {@code proxy}: reads each shim through the API server's node proxy. */
public final class ProxyMetricSourceFactory implements MetricSourceFactory {
  @Override
  public String kind() {
    return "proxy";
  }

  @Override
  public MetricSource create(KubernetesClient kube, Map<String, String> options) {
    SourceOptions opts = SourceOptions.parse(kind(), options);
    ShimClient client = new ProxyShimClient(kube, opts.port(), opts.timeout());
    return new ScrapingMetricSource(
        () ->
            new ScrapingMetricSource.Targets(
                opts.nodes(kube).stream().map(n -> n.getMetadata().getName()).toList(), client),
        new NodeScraper(opts.parallelism(), opts.timeout()));
  }
}
