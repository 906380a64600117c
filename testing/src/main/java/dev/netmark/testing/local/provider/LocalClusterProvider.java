package dev.netmark.testing.local.provider;

import dev.netmark.api.ClusterProvider;
import dev.netmark.testing.local.LocalCluster;
import java.util.Map;

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
    LocalCluster cluster = LocalCluster.start(ProviderOptions.parse(options));
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
      public void close() {
        cluster.close();
      }
    };
  }
}
