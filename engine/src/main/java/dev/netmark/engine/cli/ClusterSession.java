package dev.netmark.engine.cli;

import dev.netmark.api.Baseline;
import dev.netmark.api.ClusterEvent;
import dev.netmark.api.ClusterProvider;
import dev.netmark.api.NetmarkException;
import dev.netmark.api.Summary;
import dev.netmark.engine.measurement.NamedServices;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The cluster a run talks to: either a kubeconfig file, or a cluster started by a {@link
 * ClusterProvider} (the {@code local} one by default) and torn down on {@link #close}.
 */
final class ClusterSession implements AutoCloseable {
  static final String DEFAULT_PROVIDER = "local";

  /**
   * Request timeout for provider clusters: the local provider's API server (fabric8's mock) can
   * stall (docs/design.md, "Local mode" and "Known limits"; local mode now repairs the one known
   * stall, docs/design.md); outwait it instead of failing.
   */
  static final int PROVIDER_REQUEST_TIMEOUT_MS = 60_000;

  private final KubernetesClient kube;
  private final ClusterProvider.Cluster cluster;
  private final String description;
  private boolean tornDown;

  private ClusterSession(
      KubernetesClient kube, ClusterProvider.Cluster cluster, String description) {
    this.kube = kube;
    this.cluster = cluster;
    this.description = description;
  }

  /** Connects with a kubeconfig file. */
  static ClusterSession fromKubeconfig(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new UsageException("--kubeconfig " + file + ": file not found");
    } catch (IOException e) {
      throw new UsageException("--kubeconfig " + file + ": cannot read: " + e.getMessage());
    }
    return new ClusterSession(client(text, "--kubeconfig " + file, 0), null, "kubeconfig " + file);
  }

  /**
   * Starts a cluster with a provider.
   *
   * @param name {@code --provider}, or null for the local provider
   * @param logDir where the cluster's components log
   * @throws UsageException saying to pass --kubeconfig or add the provider's jar when unknown
   */
  static ClusterSession start(
      String name,
      Map<String, String> options,
      NamedServices<ClusterProvider> providers,
      Path logDir)
      throws InterruptedException {
    String chosen = name == null ? DEFAULT_PROVIDER : name;
    ClusterProvider provider =
        providers
            .find(chosen)
            .orElseThrow(
                () ->
                    new UsageException(
                        (name == null
                                ? "no --kubeconfig given and no local cluster provider found: "
                                : "")
                            + providers.unknown(chosen)));
    ClusterProvider.Cluster cluster;
    try {
      cluster = provider.start(options, logDir);
    } catch (RuntimeException e) {
      throw startFailed(chosen, e);
    }
    try {
      return new ClusterSession(
          client(cluster.kubeconfig(), "provider " + chosen, PROVIDER_REQUEST_TIMEOUT_MS),
          cluster,
          "provider " + chosen);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** A client; {@code requestTimeoutMs} 0 keeps fabric8's default. */
  private static KubernetesClient client(String kubeconfig, String where, int requestTimeoutMs) {
    try {
      Config config = Config.fromKubeconfig(kubeconfig);
      if (requestTimeoutMs > 0) {
        config.setRequestTimeout(requestTimeoutMs);
      }
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (RuntimeException e) {
      throw new UsageException(where + ": not a usable kubeconfig: " + e.getMessage());
    }
  }

  KubernetesClient kube() {
    return kube;
  }

  /** The provider's preferred metric source kind, or {@code direct} for a kubeconfig. */
  String metricSourceKind() {
    return cluster == null ? "direct" : cluster.metricSourceKind();
  }

  /** What the provider's cluster reported so far; none for a kubeconfig. */
  List<ClusterEvent> events() {
    return cluster == null ? List.of() : cluster.events();
  }

  /** See {@link ClusterProvider.Cluster#baselines}; none for a kubeconfig. */
  List<Baseline> baselines() throws InterruptedException {
    return cluster == null ? List.of() : cluster.baselines();
  }

  /** See {@link ClusterProvider.Cluster#skipBaselines}; nothing for a kubeconfig. */
  void skipBaselines() {
    if (cluster != null) {
      cluster.skipBaselines();
    }
  }

  /** See {@link ClusterProvider.Cluster#summaries}; none for a kubeconfig. */
  List<Summary> summaries() {
    return cluster == null ? List.of() : cluster.summaries();
  }

  /** See {@link ClusterProvider.Cluster#onFailure}; never called for a kubeconfig. */
  void onFailure(Consumer<String> onFailure) {
    if (cluster != null) {
      cluster.onFailure(onFailure);
    }
  }

  String description() {
    return description;
  }

  /**
   * Tears a provider's cluster down now (nothing for a kubeconfig); {@link #close} then only closes
   * the client.
   *
   * @return what the teardown could not do, empty when it did everything
   */
  List<String> tearDown() {
    if (cluster == null || tornDown) {
      return List.of();
    }
    tornDown = true;
    try {
      cluster.close();
      return List.of();
    } catch (RuntimeException e) {
      return List.of(String.valueOf(e.getMessage()));
    }
  }

  @Override
  public void close() {
    try {
      kube.close();
    } finally {
      if (cluster != null && !tornDown) {
        tornDown = true;
        cluster.close();
      }
    }
  }

  /** Wraps provider failures that are not already netmark's own. */
  private static NetmarkException startFailed(String name, RuntimeException e) {
    return e instanceof NetmarkException n
        ? n
        : new NetmarkException("cluster provider " + name + " failed to start: " + e, e);
  }
}
