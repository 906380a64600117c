package dev.netmark.measurements.source;

import dev.netmark.api.Durations;
import dev.netmark.api.NetmarkException;
import dev.netmark.api.NodeSelector;
import dev.netmark.contract.MetricNames;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code --metric-source-opt} keys of the scraping sources.
 *
 * @param port shim port for nodes without the {@code netmark.dev/shim-port} annotation
 * @param timeout per-node read timeout
 * @param parallelism nodes read at once
 * @param nodeSelector labels of the nodes that run a shim ({@code node-selector=k=v[,k=v]}); empty
 *     for every node. On a kubemark master with hollow nodes, {@code
 *     netmark.dev/node-kind=not-so-hollow} keeps the source from reading nodes that have no shim.
 */
record SourceOptions(
    int port, Duration timeout, int parallelism, Map<String, String> nodeSelector) {
  private static final Set<String> KEYS =
      new TreeSet<>(Set.of("port", "timeout", "parallelism", "node-selector"));

  static SourceOptions parse(String kind, Map<String, String> options) {
    for (String key : options.keySet()) {
      if (!KEYS.contains(key)) {
        throw new NetmarkException(
            "metric source " + kind + ": unknown option '" + key + "', known: " + KEYS);
      }
    }
    try {
      int port = Integer.parseInt(options.getOrDefault("port", "" + MetricNames.DEFAULT_SHIM_PORT));
      Duration timeout = Durations.parse(options.getOrDefault("timeout", "5s"));
      int parallelism = Integer.parseInt(options.getOrDefault("parallelism", "16"));
      if (port < 1 || port > 65535 || parallelism < 1 || timeout.isZero()) {
        throw new IllegalArgumentException(
            "port must be 1-65535, parallelism >= 1 and timeout > 0");
      }
      return new SourceOptions(
          port, timeout, parallelism, nodeSelector(options.getOrDefault("node-selector", "")));
    } catch (IllegalArgumentException e) {
      throw new NetmarkException("metric source " + kind + ": " + e.getMessage(), e);
    }
  }

  /** The nodes to read: those with {@link #nodeSelector}'s labels, or all. */
  List<Node> nodes(KubernetesClient kube) {
    return (nodeSelector.isEmpty() ? kube.nodes() : kube.nodes().withLabels(nodeSelector))
        .list()
        .getItems();
  }

  private static Map<String, String> nodeSelector(String text) {
    try {
      return NodeSelector.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("node-selector: " + e.getMessage(), e);
    }
  }
}
