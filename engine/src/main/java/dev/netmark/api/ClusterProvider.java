package dev.netmark.api;

import java.util.Map;

/**
 * Provides the cluster a test runs against when no kubeconfig is given ({@code --provider NAME}),
 * for example the {@code local} provider that emulates nodes on this machine. Registered with
 * {@link java.util.ServiceLoader}.
 */
public interface ClusterProvider {

  /** The name used with {@code --provider}. */
  String name();

  /**
   * Starts a cluster and returns once it is ready for a test.
   *
   * @param options {@code --provider-opt key=value} pairs, e.g. {@code nodes=3}
   * @throws NetmarkException with a message saying what is missing (root, packages, ...)
   */
  Cluster start(Map<String, String> options) throws InterruptedException;

  /** A running cluster; {@link #close} tears everything down. */
  interface Cluster extends AutoCloseable {
    /** A kubeconfig (YAML) for the cluster's API server. */
    String kubeconfig();

    /** Preferred metric source kind and options for this cluster, e.g. {@code direct}. */
    default String metricSourceKind() {
      return "direct";
    }

    @Override
    void close();
  }
}
