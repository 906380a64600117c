package dev.netmark.testing.local.kubelet;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Told of every sandbox the shim created for a pod, the moment RunPodSandbox returned: local mode's
 * concurrent raw pings (docs/design.md, "Raw baseline") start from here. Called on the pod worker's
 * thread: it must return at once and never throw.
 */
@FunctionalInterface
public interface SandboxWatch {
  /** Watches nothing. */
  SandboxWatch NONE = (node, pod, returnedUs, sandboxId) -> {};

  /**
   * @param node the pod's node
   * @param pod the pod
   * @param returnedUs when RunPodSandbox returned, epoch microseconds
   * @param sandboxId the id RunPodSandbox returned (the shim names the pod's namespace after it)
   */
  void created(String node, Pod pod, long returnedUs, String sandboxId);

  /** Tells {@code first}, then {@code second}. */
  static SandboxWatch both(SandboxWatch first, SandboxWatch second) {
    return (node, pod, returnedUs, sandboxId) -> {
      first.created(node, pod, returnedUs, sandboxId);
      second.created(node, pod, returnedUs, sandboxId);
    };
  }
}
