package dev.netmark.shim.probe;

/**
 * One thing a probe class must see working; {@link CheckRun}s try it on the {@link EventLoop} from
 * sockets inside the pod's network namespace.
 */
sealed interface Check permits IcmpCheck, HttpCheck {
  /** How many answered attempts are needed (HTTP GET x M). */
  default int successesNeeded() {
    return 1;
  }

  /** What is checked, for failure messages ({@code ping 10.0.0.5}). */
  String describe();
}
