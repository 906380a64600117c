package dev.netmark.api;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * Makes {@link MetricSource}s of one kind ({@code direct}, {@code proxy}, {@code prometheus}).
 * Registered with {@link java.util.ServiceLoader}; chosen with {@code --metric-source KIND}.
 */
public interface MetricSourceFactory {

  /** The kind name used on the command line. */
  String kind();

  /**
   * @param kube the client of the cluster under test, to find nodes and their addresses
   * @param options {@code --metric-source-opt key=value} pairs, e.g. {@code port}, {@code url}
   */
  MetricSource create(KubernetesClient kube, Map<String, String> options);
}
