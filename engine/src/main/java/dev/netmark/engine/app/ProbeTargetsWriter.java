package dev.netmark.engine.app;

import dev.netmark.api.NetmarkException;
import dev.netmark.contract.AppTier;
import dev.netmark.contract.ProbeTargets;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one model's tiers into the {@code applications} of the probe-targets ConfigMap that {@code
 * deployControlPlane} published, leaving the control targets and other models' tiers alone.
 */
final class ProbeTargetsWriter {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ConfigMapJson configMap;
  private final Set<String> owned;

  /**
   * @param owned the keys of this model's tiers ({@link ProbeTargets#tierKey}), also those with
   *     nothing to publish yet
   */
  ProbeTargetsWriter(KubernetesClient kube, Set<String> owned) {
    this.configMap =
        new ConfigMapJson(kube, ProbeTargets.CONFIGMAP_NAME, ProbeTargets.CONFIGMAP_KEY);
    this.owned = Set.copyOf(owned);
  }

  /** Fails unless deployControlPlane published the probe targets. */
  void requireTargets() {
    if (configMap.read() == null) {
      throw new NetmarkException(
          "deployApplication needs the probe targets of deployControlPlane (ConfigMap "
              + ProbeTargets.NAMESPACE
              + "/"
              + ProbeTargets.CONFIGMAP_NAME
              + "); run a deployControlPlane step first");
    }
  }

  /**
   * Publishes {@code tiers} unless the ConfigMap already holds exactly them.
   *
   * @return whether it wrote
   */
  boolean publish(Map<String, AppTier> tiers) {
    return configMap.update(json -> merged(json, tiers), false);
  }

  static String mergedJson(String json, Map<String, AppTier> tiers, Set<String> owned) {
    ProbeTargets targets = JSON.readValue(json, ProbeTargets.class);
    Map<String, AppTier> current =
        targets.applications().entrySet().stream()
            .filter(e -> owned.contains(e.getKey()))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    if (current.equals(tiers)) {
      return json;
    }
    Map<String, AppTier> apps = new TreeMap<>(targets.applications());
    apps.keySet().removeIf(owned::contains);
    apps.putAll(tiers);
    return JSON.writeValueAsString(targets.withApplications(apps));
  }

  private String merged(String json, Map<String, AppTier> tiers) {
    if (json == null) {
      throw new NetmarkException("the probe targets have no " + ProbeTargets.CONFIGMAP_KEY);
    }
    return mergedJson(json, tiers, owned);
  }
}
