package dev.netmark.shim.cni;

import dev.netmark.shim.sched.TimingPriority;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs plugin work on platform threads. A plugin exchange blocks in {@code poll(2)}, which would
 * pin a virtual thread's carrier (the shim answers CRI calls on virtual threads, with as many
 * carriers as cores), so a virtual caller hands a whole CNI operation over once, not each plugin
 * call: a hand-over costs two wake-ups, which a loaded machine makes expensive. Idle threads are
 * kept for a minute.
 */
final class PlatformThreads {
  private static final ThreadFactory RAISED = raised(Thread.ofPlatform().name("cni-", 0).daemon());
  private static final ExecutorService POOL = Executors.newCachedThreadPool(RAISED);

  private PlatformThreads() {}

  /**
   * Threads that take an ADD's timestamps run raised, and start plugins at the default priority
   * ({@link TimingPriority}).
   */
  private static ThreadFactory raised(Thread.Builder.OfPlatform builder) {
    ThreadFactory base = builder.factory();
    return task ->
        base.newThread(
            () -> {
              TimingPriority.raiseCurrentThread();
              task.run();
            });
  }

  /** Work that may throw {@code E}. */
  @FunctionalInterface
  interface Task<T, E extends Exception> {
    T run() throws E;
  }

  /**
   * Runs {@code task} here on a platform thread, else on a pooled one, and returns or throws what
   * it does. An interrupt of the caller is passed on to the worker (which kills its plugin), the
   * outcome still awaited, and the caller's interrupt flag restored.
   */
  @SuppressWarnings("unchecked") // the task throws only E or unchecked exceptions
  static <T, E extends Exception> T call(Task<T, E> task) throws E {
    if (!Thread.currentThread().isVirtual()) {
      return task.run();
    }
    AtomicReference<Thread> worker = new AtomicReference<>();
    Future<T> result =
        POOL.submit(
            () -> {
              worker.set(Thread.currentThread());
              try {
                return task.run();
              } finally {
                worker.set(null);
                Thread.interrupted(); // a pooled thread must not keep a caller's interrupt
              }
            });
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return result.get();
        } catch (InterruptedException e) {
          interrupted = true;
          Thread w = worker.get();
          if (w != null) {
            w.interrupt();
          }
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw (E) cause;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
