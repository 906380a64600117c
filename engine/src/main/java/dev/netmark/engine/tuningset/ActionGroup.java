package dev.netmark.engine.tuningset;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs actions on virtual threads and waits for them, keeping only the running ones and the first
 * few failures so that memory stays bounded for any number of actions.
 */
final class ActionGroup {
  static final int MAX_KEPT_FAILURES = 10;

  private final Set<Thread> running = ConcurrentHashMap.newKeySet();
  private final List<Throwable> failures = new ArrayList<>();
  private int failedCount;
  private int active;

  /** Starts {@code action} now on a new virtual thread. */
  void start(Action action) {
    synchronized (this) {
      active++;
    }
    // Registered before it starts so that cancel() never misses a thread that is starting.
    Thread thread =
        Thread.ofVirtual()
            .name("netmark-action")
            .unstarted(
                () -> {
                  try {
                    action.run();
                  } catch (InterruptedException e) {
                    // Cancelled by await(): not a failure of the action itself.
                    Thread.currentThread().interrupt();
                  } catch (Exception | Error e) {
                    recordFailure(e);
                  } finally {
                    running.remove(Thread.currentThread());
                    finished();
                  }
                });
    running.add(thread);
    thread.start();
  }

  /** True once any action failed; pacers stop starting new actions then. */
  synchronized boolean failed() {
    return failedCount > 0;
  }

  /**
   * Waits for every started action. On interrupt, interrupts the running actions, waits for them
   * and rethrows.
   *
   * @throws ActionsFailedException when any action failed
   */
  void await() throws InterruptedException {
    try {
      synchronized (this) {
        while (active > 0) {
          wait();
        }
      }
    } catch (InterruptedException e) {
      cancel();
      throw e;
    }
    synchronized (this) {
      if (failedCount > 0) {
        ActionsFailedException ex = new ActionsFailedException(failedCount, failures.getFirst());
        failures.stream().skip(1).forEach(ex::addSuppressed);
        throw ex;
      }
    }
  }

  /** Interrupts the running actions and waits for them without being interruptible itself. */
  void cancel() {
    running.forEach(Thread::interrupt);
    boolean interrupted = false;
    synchronized (this) {
      while (active > 0) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void recordFailure(Throwable t) {
    failedCount++;
    if (failures.size() < MAX_KEPT_FAILURES) {
      failures.add(t);
    }
  }

  private synchronized void finished() {
    active--;
    notifyAll();
  }
}
