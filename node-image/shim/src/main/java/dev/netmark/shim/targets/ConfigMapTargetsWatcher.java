package dev.netmark.shim.targets;

import dev.netmark.contract.ProbeTargets;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link TargetsHolder} up to date from the ConfigMap {@value ProbeTargets#NAMESPACE}/
 * {@value ProbeTargets#CONFIGMAP_NAME}, key {@value ProbeTargets#CONFIGMAP_KEY}.
 *
 * <p>Uses an informer on that one named ConfigMap (list and watch of a single object, reconnects
 * handled by fabric8); it never lists pods. Invalid content is logged with every problem and the
 * previous valid targets stay in force; a deleted ConfigMap also leaves them in force, since pods
 * being probed still need somewhere to probe.
 *
 * <p>{@link #start} never waits for the API server: the informer's first list runs in the
 * background and is retried until it succeeds, so the shim serves CRI with a master that is down
 * (docs/design.md, "Faults"). Until then {@link #problem} says what is missing.
 */
public final class ConfigMapTargetsWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigMapTargetsWatcher.class);
  private static final String ORIGIN =
      "ConfigMap "
          + ProbeTargets.NAMESPACE
          + "/"
          + ProbeTargets.CONFIGMAP_NAME
          + " key "
          + ProbeTargets.CONFIGMAP_KEY;

  private final SharedIndexInformer<ConfigMap> informer;
  private final String apiSource;
  private volatile String lastError = "not connected yet";

  private ConfigMapTargetsWatcher(SharedIndexInformer<ConfigMap> informer, String apiSource) {
    this.informer = informer;
    this.apiSource = apiSource;
  }

  /**
   * Starts watching; returns at once, whether or not the API server answers (use {@link
   * TargetsHolder#awaitFirst} to wait for targets).
   *
   * @param apiSource where the client's configuration came from, for messages (the kubeconfig)
   */
  public static ConfigMapTargetsWatcher start(
      KubernetesClient client, TargetsHolder holder, String apiSource) {
    ResourceEventHandler<ConfigMap> handler =
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(ConfigMap cm) {
            accept(cm, holder);
          }

          @Override
          public void onUpdate(ConfigMap old, ConfigMap cm) {
            accept(cm, holder);
          }

          @Override
          public void onDelete(ConfigMap cm, boolean finalStateUnknown) {
            LOG.warn("{} was deleted; keeping the last valid probe targets", ORIGIN);
          }
        };
    // Not inform(): it blocks until the first list succeeds and gives up after a few tries.
    SharedIndexInformer<ConfigMap> informer =
        client
            .configMaps()
            .inNamespace(ProbeTargets.NAMESPACE)
            .withName(ProbeTargets.CONFIGMAP_NAME)
            .runnableInformer(0);
    ConfigMapTargetsWatcher watcher = new ConfigMapTargetsWatcher(informer, apiSource);
    informer.addEventHandler(handler);
    informer.exceptionHandler(watcher::retry);
    informer
        .start()
        .whenComplete(
            (ok, failed) -> {
              if (failed == null) {
                LOG.info("watching {} through {}", ORIGIN, apiSource);
              }
            });
    return watcher;
  }

  // Every failure is retried (with the informer's backoff): a node outlives its master's outages.
  private boolean retry(boolean started, Throwable failure) {
    String error = String.valueOf(failure.getMessage());
    if (!Objects.equals(error, lastError)) {
      LOG.warn(
          "cannot {} {} through {}: {}; netperf pods wait for probe targets, other pods are not"
              + " affected; retrying",
          started ? "keep watching" : "read",
          ORIGIN,
          apiSource,
          error);
    }
    lastError = error;
    return true;
  }

  /**
   * Why targets cannot be followed right now (no first list yet, or the watch is down), naming the
   * ConfigMap and the kubeconfig; null while watching.
   */
  public String problem() {
    if (informer.hasSynced() && informer.isWatching()) {
      return null;
    }
    return "probe targets: cannot "
        + (informer.hasSynced() ? "watch " : "read ")
        + ORIGIN
        + " through "
        + apiSource
        + " ("
        + lastError
        + "); netperf pods wait for targets";
  }

  /** Applies one version of the ConfigMap; returns whether it was valid. */
  static boolean accept(ConfigMap cm, TargetsHolder holder) {
    // The API server filters by name; the check guards against servers that ignore the selector.
    if (!ProbeTargets.CONFIGMAP_NAME.equals(cm.getMetadata().getName())) {
      return false;
    }
    String json = cm.getData() == null ? null : cm.getData().get(ProbeTargets.CONFIGMAP_KEY);
    if (json == null) {
      LOG.error("{}: the key is missing; keeping the last valid probe targets", ORIGIN);
      return false;
    }
    try {
      ProbeTargets targets = ProbeTargetsJson.parse(json, ORIGIN);
      holder.update(targets);
      LOG.info(
          "probe targets updated from {} (resourceVersion {}): {} nodes with control pods",
          ORIGIN,
          cm.getMetadata().getResourceVersion(),
          targets.controlPods().size());
      return true;
    } catch (InvalidTargetsException e) {
      LOG.error("{}; keeping the last valid probe targets", e.getMessage());
      return false;
    }
  }

  @Override
  public void close() {
    informer.close();
  }
}
