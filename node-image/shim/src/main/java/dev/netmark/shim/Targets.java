package dev.netmark.shim;

import dev.netmark.shim.targets.ConfigMapTargetsWatcher;
import dev.netmark.shim.targets.StaticTargetsFile;
import dev.netmark.shim.targets.TargetsHolder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Where the probe targets come from: a file ({@code --probe-targets}), or the engine's ConfigMap
 * watched through the API server ({@code --kubeconfig}, else the in-cluster service account or the
 * default kubeconfig).
 */
final class Targets implements AutoCloseable {
  private final TargetsHolder holder;
  private final KubernetesClient client;
  private final ConfigMapTargetsWatcher watcher;

  private Targets(TargetsHolder holder, KubernetesClient client, ConfigMapTargetsWatcher watcher) {
    this.holder = holder;
    this.client = client;
    this.watcher = watcher;
  }

  static Targets start(ShimOptions o) {
    if (o.probeTargetsFile() != null) {
      return new Targets(StaticTargetsFile.load(o.probeTargetsFile()), null, null);
    }
    Config config;
    String source;
    if (o.kubeconfig() != null) {
      source = "--kubeconfig " + o.kubeconfig();
      try {
        config = Config.fromKubeconfig(Files.readString(o.kubeconfig()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read --kubeconfig " + o.kubeconfig(), e);
      }
    } else {
      config = Config.autoConfigure(null);
      source =
          "the default configuration (in-cluster service account, $KUBECONFIG or ~/.kube/config)";
    }
    source += " at " + config.getMasterUrl();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    TargetsHolder holder = new TargetsHolder();
    try {
      return new Targets(holder, client, ConfigMapTargetsWatcher.start(client, holder, source));
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  TargetsHolder source() {
    return holder;
  }

  /**
   * Why probe targets cannot be followed right now, or null (see {@link ConfigMapTargetsWatcher}).
   */
  String problem() {
    return watcher == null ? null : watcher.problem();
  }

  @Override
  public void close() {
    if (watcher != null) {
      watcher.close();
    }
    if (client != null) {
      client.close();
    }
  }
}
