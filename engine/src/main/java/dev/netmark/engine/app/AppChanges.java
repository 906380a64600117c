package dev.netmark.engine.app;

import dev.netmark.contract.AppChange;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records the tier changes of a run and publishes them, as a JSON list of {@link AppChange}, in the
 * ConfigMap {@link AppChange#CONFIGMAP_NAME}: at a change's start (end 0) and again at its end, so
 * the {@code ApplicationTraffic} measurement can tell rollout errors from steady-state ones.
 */
final class AppChanges {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<AppChange>> LIST = new TypeReference<>() {};

  private final ConfigMapJson configMap;
  private final LongSupplier wallClock;

  AppChanges(KubernetesClient kube, LongSupplier wallClock) {
    this.configMap = new ConfigMapJson(kube, AppChange.CONFIGMAP_NAME, AppChange.CONFIGMAP_KEY);
    this.wallClock = wallClock;
  }

  /** Publishes the start of a change of each namespace's tier; returns them for {@link #end}. */
  List<AppChange> start(List<String> namespaces, String tier, String action) {
    long now = wallClock.getAsLong();
    List<AppChange> started =
        namespaces.stream().map(ns -> new AppChange(ns, tier, action, now, 0)).toList();
    configMap.update(json -> withChanges(json, started), true);
    return started;
  }

  /** Publishes the end of changes {@link #start} began. */
  void end(List<AppChange> started) {
    long now = wallClock.getAsLong();
    List<AppChange> ended =
        started.stream()
            .map(c -> new AppChange(c.namespace(), c.tier(), c.action(), c.startMs(), now))
            .toList();
    configMap.update(json -> withChanges(json, ended), true);
  }

  /** The list in {@code json} (null: none) with each change added or replacing its start. */
  static String withChanges(String json, List<AppChange> changes) {
    List<AppChange> all = new ArrayList<>(json == null ? List.of() : JSON.readValue(json, LIST));
    for (AppChange c : changes) {
      all.removeIf(
          o ->
              o.namespace().equals(c.namespace())
                  && o.tier().equals(c.tier())
                  && o.action().equals(c.action())
                  && o.startMs() == c.startMs());
      all.add(c);
    }
    return JSON.writeValueAsString(all);
  }
}
