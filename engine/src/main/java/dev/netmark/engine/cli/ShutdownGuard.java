package dev.netmark.engine.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the JVM alive on Ctrl-C until {@code run} has torn its cluster down. While the test runner
 * runs, its own hook interrupts it; outside it (starting the cluster, writing reports) this guard
 * interrupts the command's thread itself.
 */
final class ShutdownGuard implements AutoCloseable {
  static final long TEARDOWN_TIMEOUT_SECONDS = 180;

  private final Thread hook;
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile boolean runnerActive;

  ShutdownGuard() {
    Thread owner = Thread.currentThread();
    hook = new Thread(() -> onSignal(owner), "netmark-teardown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Whether the test runner, which handles Ctrl-C itself, is running. */
  void runnerActive(boolean active) {
    runnerActive = active;
  }

  private void onSignal(Thread owner) {
    if (!runnerActive) {
      owner.interrupt();
    }
    try {
      if (!done.await(TEARDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        System.err.println(
            "netmark: teardown did not finish in " + TEARDOWN_TIMEOUT_SECONDS + " s, exiting");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    done.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Shutting down: the hook is running and has just been released by the countDown above.
    }
  }
}
