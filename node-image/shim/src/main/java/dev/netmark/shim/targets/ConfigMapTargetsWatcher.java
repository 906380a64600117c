package dev.netmark.shim.targets;

import dev.netmark.contract.ProbeTargets;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
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

  private ConfigMapTargetsWatcher(SharedIndexInformer<ConfigMap> informer) {
    this.informer = informer;
  }

  /** Starts watching; returns at once (use {@link TargetsHolder#awaitFirst} to wait). */
  public static ConfigMapTargetsWatcher start(KubernetesClient client, TargetsHolder holder) {
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
    SharedIndexInformer<ConfigMap> informer =
        client
            .configMaps()
            .inNamespace(ProbeTargets.NAMESPACE)
            .withName(ProbeTargets.CONFIGMAP_NAME)
            .inform(handler);
    return new ConfigMapTargetsWatcher(informer);
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
