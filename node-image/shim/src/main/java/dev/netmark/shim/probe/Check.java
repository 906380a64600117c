package dev.netmark.shim.probe;

import java.io.IOException;

/**
 * One thing a probe class must see working, tried repeatedly from a thread inside the pod's network
 * namespace (so every socket it opens lives there).
 */
interface Check {
  /**
   * One attempt, bounded by {@code timeoutMs}.
   *
   * @return whether it worked
   * @throws IOException the reason it did not, when there is one to report
   */
  boolean attempt(int timeoutMs) throws IOException;

  /** How many successful attempts are needed (HTTP GET x M). */
  default int successesNeeded() {
    return 1;
  }

  /** What is checked, for thread names and failure messages ({@code ping 10.0.0.5}). */
  String describe();
}
