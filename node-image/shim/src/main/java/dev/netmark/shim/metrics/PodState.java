package dev.netmark.shim.metrics;

/** The {@code state} label of {@code netmark_netperf_pods}. */
public enum PodState {
  /** The last ADD attempt failed; kubelet will retry. */
  ADD_FAILED("add_failed"),
  /** ADD succeeded; readiness probes are running. */
  PROBING("probing"),
  /** Every readiness probe succeeded. */
  READY("ready"),
  /** A probe class gave up after its timeout. */
  UNREADY("unready"),
  /** StopPodSandbox ran DEL (successfully or not); the sandbox is not yet removed. */
  STOPPED("stopped");

  private final String label;

  PodState(String label) {
    this.label = label;
  }

  /** The label value. */
  public String label() {
    return label;
  }
}
