package dev.netmark.contract;

/** What happened to a netperf pod on its node. One {@link PodEvent} is written per occurrence. */
public enum EventKind {
  /** A CNI ADD attempt failed; {@code error} says why. Kubelet will retry the sandbox. */
  ADD_FAILED,
  /** The CNI ADD chain succeeded; carries {@code cni_add} and {@code cni_add_total}. */
  ADD,
  /** One probe class succeeded for the first time; carries {@code probe_<target>}. */
  PROBE,
  /**
   * A probe class gave up after its timeout; {@code error} names the class and the last failure.
   */
  PROBE_FAILED,
  /** Every readiness probe succeeded; carries {@code network_ready}. */
  NETWORK_READY,
  /** The pod's traffic command finished; carries {@code traffic} results. */
  TRAFFIC,
  /** The CNI DEL chain finished; carries {@code cni_del}. */
  DEL,
  /** The CNI DEL chain failed; {@code error} says why (the pod's IP may have leaked). */
  DEL_FAILED,
  /** The sandbox and its network namespace were removed. */
  REMOVED,
  /**
   * One second of one client pod's calls on one edge of an application model; carries {@code
   * requests} ({@link RequestStats}).
   */
  REQUESTS,
  /**
   * A serving pod answered its first request that came through its tier's Service VIP; carries
   * {@code service_ready} (from the pod's network-ready to that request's arrival).
   */
  SERVICE_READY
}
