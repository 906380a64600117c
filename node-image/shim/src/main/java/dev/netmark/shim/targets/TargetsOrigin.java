package dev.netmark.shim.targets;

import dev.netmark.shim.kube.ApiEndpoint;
import dev.netmark.shim.kube.ApiEndpoints;
import dev.netmark.shim.kube.KubeconfigException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the probe targets come from: a file ({@code --probe-targets}), or the engine's ConfigMap
 * watched through the API server ({@code --kubeconfig}, else the in-cluster service account, {@code
 * $KUBECONFIG} or {@code ~/.kube/config}). An API server that cannot be found or used does not stop
 * the shim: it serves CRI, ordinary pods pass through, and netperf pods wait for targets while
 * {@code /healthz} says why.
 */
public final class TargetsOrigin implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TargetsOrigin.class);

  private final TargetsHolder holder;
  private final ConfigMapTargetsWatcher watcher;
  private final String unusable;

  private TargetsOrigin(TargetsHolder holder, ConfigMapTargetsWatcher watcher, String unusable) {
    this.holder = holder;
    this.watcher = watcher;
    this.unusable = unusable;
  }

  /**
   * Starts following the targets.
   *
   * @param file {@code --probe-targets}, or null to watch the ConfigMap
   * @param kubeconfig {@code --kubeconfig}, or null for the usual places
   */
  public static TargetsOrigin start(Path file, Path kubeconfig) {
    if (file != null) {
      return new TargetsOrigin(StaticTargetsFile.load(file), null, null);
    }
    TargetsHolder holder = new TargetsHolder();
    ApiEndpoint api;
    try {
      api =
          ApiEndpoints.resolve(
              kubeconfig,
              System.getenv(),
              Path.of(System.getProperty("user.home")),
              ApiEndpoints.SERVICE_ACCOUNT);
    } catch (KubeconfigException e) {
      String problem = "probe targets: " + e.getMessage() + "; netperf pods wait for targets";
      LOG.error("{}", problem);
      return new TargetsOrigin(holder, null, problem);
    }
    String source = api.origin() + " at " + api.server();
    return new TargetsOrigin(holder, ConfigMapTargetsWatcher.start(api, holder, source), null);
  }

  public TargetsHolder source() {
    return holder;
  }

  /**
   * Why probe targets cannot be followed right now, or null (see {@link ConfigMapTargetsWatcher}).
   */
  public String problem() {
    return watcher == null ? unusable : watcher.problem();
  }

  @Override
  public void close() {
    if (watcher != null) {
      watcher.close();
    }
  }
}
