package dev.netmark.measurements.source;

import dev.netmark.contract.MetricNames;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where each node's shim listens: its InternalIP and the shim port (annotation or default). */
final class NodeAddresses {
  private NodeAddresses() {}

  /** Base URLs {@code http://ip:port} by node name, for nodes with an InternalIP. */
  static Map<String, String> baseUrls(List<Node> nodes, int defaultPort) {
    Map<String, String> urls = new LinkedHashMap<>();
    for (Node node : nodes) {
      internalIp(node)
          .ifPresent(
              ip -> {
                String host = ip.contains(":") ? "[" + ip + "]" : ip;
                urls.put(
                    node.getMetadata().getName(), "http://" + host + ":" + port(node, defaultPort));
              });
    }
    return urls;
  }

  static int port(Node node, int defaultPort) {
    Map<String, String> annotations = node.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(MetricNames.ANNOTATION_SHIM_PORT);
    if (value == null) {
      return defaultPort;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "node "
              + node.getMetadata().getName()
              + ": annotation "
              + MetricNames.ANNOTATION_SHIM_PORT
              + " is not a port: '"
              + value
              + "'",
          e);
    }
  }

  private static Optional<String> internalIp(Node node) {
    if (node.getStatus() == null || node.getStatus().getAddresses() == null) {
      return Optional.empty();
    }
    return node.getStatus().getAddresses().stream()
        .filter(a -> "InternalIP".equals(a.getType()))
        .map(NodeAddress::getAddress)
        .findFirst();
  }
}
