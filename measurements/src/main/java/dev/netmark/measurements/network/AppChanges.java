package dev.netmark.measurements.network;

import dev.netmark.contract.AppChange;
import dev.netmark.contract.ProbeTargets;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tier changes the engine published (ConfigMap {@link AppChange#CONFIGMAP_NAME}, key {@link
 * AppChange#CONFIGMAP_KEY}, in {@link ProbeTargets#NAMESPACE}), and which seconds they cover: from
 * a change's start to its end plus the edge's request timeout, a change still under way ({@code
 * endMs} 0) to the end of time (docs/design.md, "Application models").
 *
 * @param changes every change published, in the engine's order
 * @param problem why the list could not be read, or null
 */
record AppChanges(List<AppChange> changes, String problem) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static AppChanges none() {
    return new AppChanges(List.of(), null);
  }

  /** Reads the list; a missing ConfigMap or key is no change, an unreadable one a problem. */
  static AppChanges read(KubernetesClient kube) {
    String where =
        "ConfigMap "
            + ProbeTargets.NAMESPACE
            + "/"
            + AppChange.CONFIGMAP_NAME
            + " key "
            + AppChange.CONFIGMAP_KEY;
    try {
      ConfigMap map =
          kube.configMaps()
              .inNamespace(ProbeTargets.NAMESPACE)
              .withName(AppChange.CONFIGMAP_NAME)
              .get();
      String json =
          map == null || map.getData() == null ? null : map.getData().get(AppChange.CONFIGMAP_KEY);
      return json == null ? none() : parse(json, where);
    } catch (KubernetesClientException e) {
      return new AppChanges(List.of(), "cannot read " + where + ": " + e.getMessage());
    }
  }

  static AppChanges parse(String json, String where) {
    try {
      return new AppChanges(
          List.copyOf(JSON.readValue(json, new TypeReference<List<AppChange>>() {})), null);
    } catch (JacksonException e) {
      return new AppChanges(List.of(), where + " is not a list of tier changes: " + e.getMessage());
    }
  }

  /**
   * Whether a change of {@code tier} in {@code namespace} overlaps the second starting at {@code
   * secondMs}, its window extended by {@code graceMs}.
   */
  boolean covers(String namespace, String tier, long secondMs, long graceMs) {
    for (AppChange c : changes) {
      if (c.namespace().equals(namespace)
          && c.tier().equals(tier)
          && secondMs + 1000 > c.startMs()
          && (c.endMs() == 0 || secondMs <= c.endMs() + graceMs)) {
        return true;
      }
    }
    return false;
  }
}
