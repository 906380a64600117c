package dev.netmark.engine.provider;

import dev.netmark.api.ClusterProvider;
import dev.netmark.api.NetmarkException;
import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code kubemark} cluster provider: a kubemark master whose not-so-hollow nodes were deployed
 * by {@code hack/kubemark-up.sh}. It starts nothing and tears nothing down, since the cluster
 * outlives the run; it prefers the {@code proxy} metric source, because the node pods' addresses
 * live in the admin cluster's pod network, which netmark may not reach directly.
 */
public final class KubemarkClusterProvider implements ClusterProvider {
  static final String KUBECONFIG = "kubeconfig";
  private static final Set<String> KNOWN = Set.of(KUBECONFIG);

  @Override
  public String name() {
    return "kubemark";
  }

  /**
   * @param options {@code kubeconfig=FILE}, the kubemark master's kubeconfig (required)
   * @throws NetmarkException for a missing, unreadable or malformed kubeconfig or an unknown option
   */
  @Override
  public Cluster start(Map<String, String> options) {
    for (String key : options.keySet()) {
      if (!KNOWN.contains(key)) {
        throw new NetmarkException(
            "unknown --provider-opt '"
                + key
                + "' of provider kubemark; known: "
                + String.join(", ", new TreeSet<>(KNOWN))
                + " (the cluster is deployed by hack/kubemark-up.sh, not by netmark)");
      }
    }
    String file = options.get(KUBECONFIG);
    if (file == null || file.isBlank()) {
      throw new NetmarkException(
          "provider kubemark needs --provider-opt kubeconfig=FILE, the kubemark master's"
              + " kubeconfig that hack/kubemark-up.sh printed");
    }
    String text = read(Path.of(file));
    return new KubemarkCluster(text);
  }

  private static String read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new NetmarkException("provider kubemark: kubeconfig " + file + ": file not found");
    } catch (IOException e) {
      throw new NetmarkException(
          "provider kubemark: kubeconfig " + file + ": cannot read: " + e.getMessage(), e);
    }
    try {
      Config config = Config.fromKubeconfig(text);
      if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
        throw new IllegalArgumentException("it names no API server");
      }
    } catch (RuntimeException e) {
      throw new NetmarkException(
          "provider kubemark: kubeconfig " + file + ": not a usable kubeconfig: " + e.getMessage(),
          e);
    }
    return text;
  }

  /** The master as it is; close leaves it alone, hack/kubemark-down.sh removes the nodes. */
  private record KubemarkCluster(String kubeconfig) implements Cluster {
    @Override
    public String metricSourceKind() {
      return "proxy";
    }

    @Override
    public void close() {
      // Nothing to do: netmark did not create the cluster, so it must not tear it down.
    }
  }
}
