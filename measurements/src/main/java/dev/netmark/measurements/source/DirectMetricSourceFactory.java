package dev.netmark.measurements.source;

import dev.netmark.api.MetricSource;
import dev.netmark.api.MetricSourceFactory;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;

/** {@code direct}: reads each shim at its node's InternalIP and the shim port. */
public final class DirectMetricSourceFactory implements MetricSourceFactory {
  @Override
  public String kind() {
    return "direct";
  }

  @Override
  public MetricSource create(KubernetesClient kube, Map<String, String> options) {
    SourceOptions opts = SourceOptions.parse(kind(), options);
    HttpClient http = HttpClient.newBuilder().connectTimeout(opts.timeout()).build();
    return new ScrapingMetricSource(
        () -> {
          List<Node> nodes = opts.nodes(kube);
          Map<String, String> urls = NodeAddresses.baseUrls(nodes, opts.port());
          return new ScrapingMetricSource.Targets(
              nodes.stream().map(n -> n.getMetadata().getName()).toList(),
              new DirectShimClient(http, urls, opts.timeout()));
        },
        new NodeScraper(opts.parallelism(), opts.timeout()));
  }
}
