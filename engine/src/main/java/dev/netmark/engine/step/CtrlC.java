package dev.netmark.engine.step;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT, SIGTERM) into an interrupt of the running test, then holds the JVM open
 * until the test has cleaned up, for at most {@link #CLEANUP_TIMEOUT_SECONDS}.
 */
final class CtrlC implements AutoCloseable {
  static final long CLEANUP_TIMEOUT_SECONDS = 120;

  private final Thread hook;
  private final CountDownLatch cleanedUp = new CountDownLatch(1);

  /** Installs the hook for the calling thread when {@code install}, else does nothing. */
  CtrlC(boolean install) {
    if (!install) {
      hook = null;
      return;
    }
    Thread runner = Thread.currentThread();
    hook = new Thread(() -> onSignal(runner), "netmark-ctrl-c");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  private void onSignal(Thread runner) {
    runner.interrupt();
    try {
      if (!cleanedUp.await(CLEANUP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        System.err.println(
            "netmark: cleanup did not finish in " + CLEANUP_TIMEOUT_SECONDS + " s, exiting");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Lets a waiting shutdown proceed. */
  void cleanedUp() {
    cleanedUp.countDown();
  }

  @Override
  public void close() {
    if (hook == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down and this hook is running or done: nothing to remove.
    }
  }
}
