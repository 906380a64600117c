package dev.netmark.engine.step;

import dev.netmark.contract.MetricNames;
import dev.netmark.engine.config.ObjectSpec;
import dev.netmark.engine.config.PhaseSpec;
import dev.netmark.engine.kube.KubeOps;
import dev.netmark.engine.kube.ObjectRef;
import dev.netmark.engine.progress.Progress;
import dev.netmark.engine.template.ObjectTemplates;
import dev.netmark.engine.tuningset.Action;
import dev.netmark.engine.tuningset.TuningSet;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings a phase's objects to {@code replicasPerNamespace} in each of its namespaces: creates the
 * missing {@code <basename>-<index>} objects below the target, deletes those at or above it
 * (highest first), one tuning-set action per object.
 */
final class PhaseExecutor {
  private final KubeOps ops;
  private final ReplicaStore replicas;
  private final Progress progress;
  private final InstantSource wallClock;

  PhaseExecutor(KubeOps ops, ReplicaStore replicas, Progress progress, InstantSource wallClock) {
    this.ops = ops;
    this.replicas = replicas;
    this.progress = progress;
    this.wallClock = wallClock;
  }

  /**
   * Runs one phase.
   *
   * @param namespaces the phase's namespaces, resolved
   */
  void run(PhaseSpec phase, List<String> namespaces, TuningSet tuningSet)
      throws InterruptedException {
    List<Action> actions = new ArrayList<>();
    int target = phase.replicasPerNamespace();
    int creates = count(phase, namespaces, true);
    int deletes = count(phase, namespaces, false);
    try (Progress.Task task =
        progress.start(phase.path(), creates + deletes, unit(creates, deletes))) {
      for (String namespace : namespaces) {
        for (ObjectSpec object : phase.objectBundle()) {
          ReplicaStore.Replicas r = replicas.of(namespace, object.basename());
          for (int index : r.missingBelow(target)) {
            actions.add(() -> create(object, r, namespace, index, task));
          }
          for (int index : r.presentFrom(target)) {
            actions.add(() -> delete(r, index, task));
          }
        }
      }
      tuningSet.execute(actions);
    }
  }

  /** How many objects the phase creates ({@code creates}) or deletes. */
  private int count(PhaseSpec phase, List<String> namespaces, boolean creates) {
    int target = phase.replicasPerNamespace();
    int n = 0;
    for (String namespace : namespaces) {
      for (ObjectSpec object : phase.objectBundle()) {
        ReplicaStore.Replicas r = replicas.of(namespace, object.basename());
        n += creates ? r.missingBelow(target).size() : r.presentFrom(target).size();
      }
    }
    return n;
  }

  /** What the phase's progress counts: {@code objects created} when it only creates. */
  static String unit(int creates, int deletes) {
    if (deletes == 0) {
      return "objects created";
    }
    return creates == 0 ? "objects deleted" : "objects created or deleted";
  }

  private void create(
      ObjectSpec spec, ReplicaStore.Replicas r, String namespace, int index, Progress.Task task)
      throws InterruptedException {
    String name = r.name(index);
    Map<String, Object> rendered =
        ObjectTemplates.render(
            spec.objectTemplatePath(),
            ObjectTemplates.vars(name, index, namespace, spec.templateFillMap()));
    Map<String, Object> object = withIdentity(rendered, name, namespace, spec.extraLabels());
    r.checkKind(String.valueOf(object.get("apiVersion")), String.valueOf(object.get("kind")));
    stampCreateRequest(object, wallClock.millis());
    ObjectRef created = ops.create(object, namespace);
    r.added(index, created.apiVersion(), created.kind());
    task.advance(1);
  }

  private void delete(ReplicaStore.Replicas r, int index, Progress.Task task)
      throws InterruptedException {
    ops.delete(r.ref(index));
    r.removed(index);
    task.advance(1);
  }

  /**
   * A copy of a rendered object whose name and namespace are the engine's (scaling finds objects by
   * name) and whose labels include the extra labels.
   */
  static Map<String, Object> withIdentity(
      Map<String, Object> rendered, String name, String namespace, Map<String, String> labels) {
    Map<String, Object> object = new LinkedHashMap<>(rendered);
    Map<String, Object> metadata = new LinkedHashMap<>(asMap(object.get("metadata")));
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    if (!labels.isEmpty()) {
      Map<String, Object> merged = new LinkedHashMap<>(asMap(metadata.get("labels")));
      merged.putAll(labels);
      metadata.put("labels", merged);
    }
    object.put("metadata", metadata);
    return object;
  }

  /**
   * Records when the engine asked for the object, in milliseconds: {@code create_to_network_ready}
   * starts here, and the API's creationTimestamp has whole seconds only.
   */
  @SuppressWarnings("unchecked")
  static void stampCreateRequest(Map<String, Object> object, long wallMs) {
    Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
    Map<String, Object> annotations = new LinkedHashMap<>(asMap(metadata.get("annotations")));
    annotations.put(MetricNames.ANNOTATION_CREATE_REQUEST_MS, Long.toString(wallMs));
    metadata.put("annotations", annotations);
  }

  private static Map<String, Object> asMap(Object value) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), v));
    }
    return out;
  }
}
