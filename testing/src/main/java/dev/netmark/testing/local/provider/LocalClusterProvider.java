package dev.netmark.testing.local.provider;

import dev.netmark.api.Baseline;
import dev.netmark.api.ClusterEvent;
import dev.netmark.api.ClusterProvider;
import dev.netmark.api.Summary;
import dev.netmark.testing.local.LocalCluster;
import dev.netmark.testing.local.LocalClusterSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code local} cluster provider: a {@link LocalCluster} on this machine (root), the default
 * when {@code netmark run} gets no kubeconfig. Options are listed in {@link ProviderOptions}.
 */
public final class LocalClusterProvider implements ClusterProvider {
  @Override
  public String name() {
    return "local";
  }

  @Override
  public Cluster start(Map<String, String> options) throws InterruptedException {
    return wrap(LocalCluster.start(ProviderOptions.parse(options)));
  }

  /**
   * As {@link #start(Map)}, keeping every log in {@code logDir} unless {@code keep-logs} says
   * where.
   */
  @Override
  public Cluster start(Map<String, String> options, Path logDir) throws InterruptedException {
    LocalClusterSpec spec = ProviderOptions.parse(options);
    return wrap(LocalCluster.start(spec.keepLogs() != null ? spec : spec.withKeepLogs(logDir)));
  }

  private static Cluster wrap(LocalCluster cluster) {
    return new Cluster() {
      @Override
      public String kubeconfig() {
        return cluster.kubeconfig();
      }

      @Override
      public String metricSourceKind() {
        return "direct";
      }

      @Override
      public List<ClusterEvent> events() {
        return cluster.events();
      }

      @Override
      public List<Baseline> baselines() throws InterruptedException {
        return cluster.baselines();
      }

      @Override
      public void skipBaselines() {
        cluster.skipBaselines();
      }

      @Override
      public List<Summary> summaries() {
        return cluster.summaries();
      }

      @Override
      public void onFailure(Consumer<String> onFailure) {
        cluster.onFailure(onFailure);
      }

      @Override
      public void close() {
        cluster.close();
      }
    };
  }
}
