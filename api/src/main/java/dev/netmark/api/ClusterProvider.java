package dev.netmark.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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

  /**
   * Starts a cluster whose components write their logs under {@code logDir} (the report's {@code
   * logs/}). The default ignores {@code logDir}; override it when the cluster runs components of
   * its own.
   */
  default Cluster start(Map<String, String> options, Path logDir) throws InterruptedException {
    return start(options);
  }

  /** A running cluster; {@link #close} tears everything down. */
  interface Cluster extends AutoCloseable {
    /** A kubeconfig (YAML) for the cluster's API server. */
    String kubeconfig();

    /** Preferred metric source kind and options for this cluster, e.g. {@code direct}. */
    default String metricSourceKind() {
      return "direct";
    }

    /**
     * What happened to the cluster so far (node restarts, ...), oldest first. Thread-safe; the
     * default has none.
     */
    default List<ClusterEvent> events() {
      return List.of();
    }

    /**
     * Registers {@code onFailure}, called at most once, from any thread, when the cluster can no
     * longer serve the run (a node that stays down), with a message that names the node and says
     * why. The engine then stops the run at once instead of waiting out a step's timeout. The
     * default never calls it.
     */
    default void onFailure(Consumer<String> onFailure) {}

    /**
     * Measures raw baselines of the cluster's network outside netmark ({@link Baseline}). Called
     * once, after the test and before {@link #close}, unless the run was interrupted; it may take a
     * few seconds and should fail soft: a baseline it cannot measure comes back empty, with the
     * reason. The default measures none.
     */
    default List<Baseline> baselines() throws InterruptedException {
      return List.of();
    }

    /**
     * Tells the cluster that {@link #baselines} will not be called ({@code --no-raw-baseline}), so
     * a baseline it would measure while the test runs is not measured at all. Called at most once,
     * before the test starts. The default does nothing.
     */
    default void skipBaselines() {}

    /**
     * What the cluster's own machinery took during the run, as summaries of their own, shown after
     * the {@code Cluster} summary: local mode's {@code ServiceProxy}, its kube-proxy stand-in's
     * delay from an endpoint change to the rules in every node, so a report can tell it from the
     * CNI. Called once, after the test and before {@link #close}; cheap. The default has none.
     */
    default List<Summary> summaries() {
      return List.of();
    }

    @Override
    void close();
  }
}
