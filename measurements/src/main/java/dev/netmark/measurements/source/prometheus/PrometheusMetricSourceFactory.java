package dev.netmark.measurements.source.prometheus;

import dev.netmark.api.MetricSource;
import dev.netmark.api.MetricSourceFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code prometheus}: PromQL over a Prometheus server's HTTP API, for clusters too large to read
 * every shim. Options are documented on {@link PrometheusOptions} and in docs/design.md.
 */
public final class PrometheusMetricSourceFactory implements MetricSourceFactory {
  @Override
  public String kind() {
    return PrometheusOptions.KIND;
  }

  @Override
  public MetricSource create(KubernetesClient kube, Map<String, String> options) {
    PrometheusOptions opts = PrometheusOptions.parse(options);
    Map<String, String> selector = opts.nodeSelector();
    Supplier<List<String>> nodes =
        () ->
            (selector.isEmpty() ? kube.nodes() : kube.nodes().withLabels(selector))
                .list().getItems().stream().map(n -> n.getMetadata().getName()).toList();
    return create(opts, nodes);
  }

  static MetricSource create(PrometheusOptions opts, Supplier<List<String>> clusterNodes) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(opts.timeout()).build();
    PromClient client = new PromClient(http, opts);
    PromQueries queries = new PromQueries(opts.selector());
    return new PrometheusMetricSource(
        client,
        queries,
        new ScrapeCoverage(client, queries, opts.nodeLabel(), opts.scrapeWait(), clusterNodes));
  }
}
