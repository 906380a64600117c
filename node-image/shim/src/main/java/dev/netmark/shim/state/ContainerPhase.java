package dev.netmark.shim.state;

/** The life of a netperf container as kubelet sees it, in order. */
public enum ContainerPhase {
  CREATED,
  RUNNING,
  EXITED
}
