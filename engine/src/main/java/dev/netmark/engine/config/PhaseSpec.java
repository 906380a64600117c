package dev.netmark.engine.config;

import java.util.List;

/**
 * Brings the replicas of each object bundle in each selected namespace to {@code
 * replicasPerNamespace}: creating {@code <basename>-<index>} objects when scaling up, deleting the
 * highest indexes when scaling down, one tuning-set action per object.
 *
 * @param namespaces the namespaces the phase applies to
 * @param replicasPerNamespace the target count per namespace and bundle, 0 deletes all
 * @param tuningSet name of the tuning set that paces the actions
 * @param objectBundle the objects
 * @param path config path with source location
 */
public record PhaseSpec(
    NamespaceSelection namespaces,
    int replicasPerNamespace,
    String tuningSet,
    List<ObjectSpec> objectBundle,
    String path) {
  public PhaseSpec {
    objectBundle = List.copyOf(objectBundle);
  }
}
