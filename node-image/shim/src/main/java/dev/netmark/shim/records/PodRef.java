package dev.netmark.shim.records;

import java.util.Objects;

/**
 * Who a pod is, as kubelet names it in the sandbox metadata.
 *
 * @param namespace the pod's namespace
 * @param name the pod's name
 * @param uid the pod's UID, the key across kubelet retries
 */
public record PodRef(String namespace, String name, String uid) {
  public PodRef {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uid, "uid");
  }

  @Override
  public String toString() {
    return namespace + "/" + name + " (uid " + uid + ")";
  }
}
