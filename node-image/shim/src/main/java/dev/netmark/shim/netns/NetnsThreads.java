package dev.netmark.shim.netns;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs code on platform threads that have entered a network namespace with {@code setns(2)}.
 *
 * <p>A moved thread creates its sockets in the namespace (they stay there when used from other
 * threads) and its child processes ({@link ProcessBuilder#start()}) inherit it. The threads are
 * owned here and end with their task or executor, so no shared pool ever runs code in the wrong
 * namespace. {@code setns} is never called on a virtual thread: it would move the carrier thread
 * and with it every virtual thread scheduled there. Entering costs about 7 µs plus thread start.
 */
public final class NetnsThreads {
  private static final ThreadLocal<Path> CURRENT = new ThreadLocal<>();

  private NetnsThreads() {}

  /**
   * Runs {@code task} on a new platform thread inside {@code netns} (a namespace file such as
   * {@code /run/netns/NAME} or {@code /proc/PID/ns/net}) and returns its result. The task's own
   * exceptions are rethrown unchanged; a failing {@code setns} throws {@link NetnsException}.
   *
   * @throws InterruptedException if the caller is interrupted (the task's thread is interrupted too
   *     and left to finish)
   */
  public static <T> T call(Path netns, Callable<T> task) throws Exception {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread t =
        Thread.ofPlatform()
            .name("netns-" + netns.getFileName())
            .daemon()
            .unstarted(
                () -> {
                  try {
                    enter(netns);
                    result.set(task.call());
                  } catch (Exception e) {
                    failure.set(e);
                  }
                });
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      t.interrupt();
      throw e;
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return result.get();
  }

  /**
   * Starts {@code task} on a new platform thread inside {@code netns}, for long-running loops. If
   * entering fails the task is not run and the thread ends with the {@link NetnsException}.
   */
  public static Thread start(Path netns, String threadName, Runnable task) {
    return Thread.ofPlatform()
        .name(threadName)
        .daemon()
        .start(
            () -> {
              enter(netns);
              task.run();
            });
  }

  /**
   * An executor whose threads (at most {@code maxThreads}, created on demand, ended after 30 s idle
   * and on shutdown) all run inside {@code netns}. A task on a thread that failed to enter fails
   * with {@link NetnsException} instead of running elsewhere. Shut it down when done.
   *
   * @throws NetnsException if {@code netns} cannot be opened now
   */
  public static ExecutorService executorIn(Path netns, int maxThreads) {
    Libc.close(Libc.open(netns.toString()));
    return new NetnsExecutor(netns, maxThreads);
  }

  /** The namespace the current thread entered through this class, or null. */
  public static Path current() {
    return CURRENT.get();
  }

  /** Moves the calling platform thread into {@code netns}. */
  static void enter(Path netns) {
    if (Thread.currentThread().isVirtual()) {
      throw new IllegalStateException("refusing setns on a virtual thread (it moves the carrier)");
    }
    int fd = Libc.open(netns.toString());
    try {
      Libc.setns(fd, netns.toString());
    } finally {
      Libc.close(fd);
    }
    CURRENT.set(netns);
  }
}
