package dev.netmark.testing.local.api;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Where the local API server stores a pod created without a node: the scheduler stand-in's choice,
 * so the pod is bound in the create's own write instead of a create and a bind patch.
 * kube-apiserver accepts a pod created with {@code spec.nodeName}; local mode's server fills it in
 * for the scheduler.
 */
public interface BindAtCreate {
  /** The node for {@code pod}, counted as placed there; null to create it pending. */
  String nodeAtCreate(Pod pod);

  /** The create of a pod {@link #nodeAtCreate} placed failed: the pod is not there. */
  void notCreated(Pod pod);
}
