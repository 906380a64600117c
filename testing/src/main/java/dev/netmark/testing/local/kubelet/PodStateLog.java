package dev.netmark.testing.local.kubelet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pod's log of state changes: a line when the pod's state changes (sandbox failing for a new
 * reason, created, running), none for a retry that ends where the last one did. A pod that fails 40
 * times the same way logs one line, not 40. Used by one pod worker at a time.
 */
final class PodStateLog {
  private static final Logger LOG = LoggerFactory.getLogger(PodStateLog.class);

  private final String pod;
  private final String node;
  private String state;
  private int repeats;

  PodStateLog(String pod, String node) {
    this.pod = pod;
    this.node = node;
  }

  /**
   * Records that the pod is in {@code newState}, logging it when it differs from the last state.
   *
   * @return whether it was a change
   */
  boolean enter(String newState) {
    if (newState.equals(state)) {
      repeats++;
      return false;
    }
    String again = repeats > 0 ? " (the previous state repeated " + repeats + "x)" : "";
    LOG.info("pod {} on {}: {}{}", pod, node, newState, again);
    state = newState;
    repeats = 0;
    return true;
  }

  /** The last state entered, or null. */
  String state() {
    return state;
  }
}
