package dev.netmark.engine.app;

import dev.netmark.api.NetmarkException;
import dev.netmark.contract.ProbeTargets;
import dev.netmark.engine.kube.Retrier;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Read-modify-write of one JSON key of a ConfigMap in {@link ProbeTargets#NAMESPACE}. The write
 * carries the resourceVersion it read, so two writers (two models, or deployControlPlane) never
 * lose each other's change: a conflict reads again and retries.
 */
final class ConfigMapJson {
  private static final int TRIES = 10;

  private final KubernetesClient kube;
  private final String name;
  private final String key;

  ConfigMapJson(KubernetesClient kube, String name, String key) {
    this.kube = kube;
    this.name = name;
    this.key = key;
  }

  /** The key's text, or null when the ConfigMap or the key is missing. */
  String read() {
    ConfigMap cm = kube.configMaps().inNamespace(ProbeTargets.NAMESPACE).withName(name).get();
    return cm == null || cm.getData() == null ? null : cm.getData().get(key);
  }

  /**
   * Replaces the key's text by {@code change} of it (null when missing); creates the ConfigMap when
   * {@code create} and it is missing. A change that returns its input writes nothing.
   *
   * @return whether it wrote
   */
  boolean update(UnaryOperator<String> change, boolean create) {
    for (int i = 0; i < TRIES; i++) {
      ConfigMap cm = kube.configMaps().inNamespace(ProbeTargets.NAMESPACE).withName(name).get();
      if (cm == null && !create) {
        throw new NetmarkException(
            "ConfigMap " + ProbeTargets.NAMESPACE + "/" + name + " does not exist");
      }
      String before = cm == null || cm.getData() == null ? null : cm.getData().get(key);
      String after = change.apply(before);
      if (after.equals(before)) {
        return false;
      }
      try {
        if (cm == null) {
          kube.resource(
                  new ConfigMapBuilder()
                      .withNewMetadata()
                      .withName(name)
                      .withNamespace(ProbeTargets.NAMESPACE)
                      .endMetadata()
                      .addToData(key, after)
                      .build())
              .create();
        } else {
          Map<String, String> data =
              new LinkedHashMap<>(cm.getData() == null ? Map.of() : cm.getData());
          data.put(key, after);
          cm.setData(data);
          kube.resource(cm).update();
        }
        return true;
      } catch (RuntimeException e) {
        if (Retrier.status(e) != 409) {
          throw e;
        }
        // Someone else wrote in between: read their version and apply the change to it.
      }
    }
    throw new NetmarkException(
        "ConfigMap "
            + ProbeTargets.NAMESPACE
            + "/"
            + name
            + ": "
            + TRIES
            + " conflicting writes in a row");
  }
}
