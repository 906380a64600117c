package dev.netmark.engine.kube;

/**
 * Names one Kubernetes object.
 *
 * @param apiVersion e.g. {@code v1} or {@code apps/v1}
 * @param kind e.g. {@code Pod}
 * @param namespace the namespace, or null for cluster-scoped objects
 * @param name the object name
 */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {

  @Override
  public String toString() {
    return kind + " " + (namespace == null ? "" : namespace + "/") + name;
  }
}
