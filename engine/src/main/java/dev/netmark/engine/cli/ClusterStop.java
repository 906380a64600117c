package dev.netmark.engine.cli;

/**
 * Stops a run whose cluster failed (a provider's node that stays down): the first failure is kept
 * and, while the test runs, interrupts its thread as Ctrl-C does, so the run ends now instead of
 * waiting out a step's timeout. Thread-safe.
 */
final class ClusterStop {
  private final Thread runner;
  private String failure;
  private boolean running;

  ClusterStop(Thread runner) {
    this.runner = runner;
  }

  /** Whether the test is running now (only then is its thread interrupted). */
  synchronized void running(boolean now) {
    running = now;
    if (now && failure != null) {
      runner.interrupt();
    }
  }

  /** The cluster failed with {@code message}; called from any thread. */
  synchronized void failed(String message) {
    if (failure != null) {
      return;
    }
    failure = message;
    if (running) {
      runner.interrupt();
    }
  }

  /** The first failure, or null. */
  synchronized String failure() {
    return failure;
  }
}
