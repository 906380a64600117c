package dev.netmark.testing.local.kubelet;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Runs control pods (label {@code netmark.dev/role: control}) on a node outside the shim, as the
 * node's ordinary runtime would: local mode has no containerd, so the fabric starts a real HTTP and
 * iperf3 server on the node's CNI network instead.
 */
public interface ControlPods {
  /** The label that marks a control pod, and its value. */
  String ROLE_LABEL = "netmark.dev/role";

  String ROLE_CONTROL = "control";

  /**
   * Starts (or adopts) the control pod network endpoint for {@code pod} on {@code node}.
   *
   * @return the pod's IP
   * @throws RuntimeException with a message for the pod status when it cannot run there
   */
  String start(String node, Pod pod) throws InterruptedException;

  /** Called when {@code pod} was deleted. */
  void stop(String node, Pod pod) throws InterruptedException;

  /** Whether {@code pod} is a control pod. */
  static boolean isControl(Pod pod) {
    var labels = pod.getMetadata().getLabels();
    return labels != null && ROLE_CONTROL.equals(labels.get(ROLE_LABEL));
  }
}
