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
  SandboxWatch NONE = (node, pod, returnedUs, netns) -> {};

  /** The pod's network namespace, asked of the shim (a verbose PodSandboxStatus). */
  @FunctionalInterface
  interface NetnsLookup {
    /**
     * @return the namespace's path
     * @throws RuntimeException saying why there is none
     */
    String netns();
  }

  /**
   * @param node the pod's node
   * @param pod the pod
   * @param returnedUs when RunPodSandbox returned, epoch microseconds
   * @param netns finds the sandbox's network namespace; call it on a thread of your own
   */
  void created(String node, Pod pod, long returnedUs, NetnsLookup netns);
}
