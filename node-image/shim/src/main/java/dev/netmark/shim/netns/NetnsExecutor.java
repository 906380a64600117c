package dev.netmark.shim.netns;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A pool whose own threads enter one namespace when they start; see {@link NetnsThreads}. */
final class NetnsExecutor extends ThreadPoolExecutor {
  private final Path netns;

  NetnsExecutor(Path netns, int maxThreads) {
    super(
        maxThreads,
        maxThreads,
        30,
        TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(),
        new EnteringFactory(netns));
    this.netns = netns;
    allowCoreThreadTimeOut(true);
  }

  @Override
  protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
    return new InNetnsTask<>(
        () -> {
          checkEntered();
          return callable.call();
        });
  }

  @Override
  protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
    return newTaskFor(
        () -> {
          runnable.run();
          return value;
        });
  }

  @Override
  public void execute(Runnable command) {
    if (command instanceof InNetnsTask<?>) {
      super.execute(command);
    } else {
      // Plain execute(): a failure goes to the thread's uncaught-exception handler, as usual.
      super.execute(
          () -> {
            checkEntered();
            command.run();
          });
    }
  }

  private void checkEntered() {
    if (!netns.equals(NetnsThreads.current())) {
      throw new NetnsException(
          "thread " + Thread.currentThread().getName() + " could not enter " + netns);
    }
  }

  private static final class InNetnsTask<T> extends FutureTask<T> {
    InNetnsTask(Callable<T> callable) {
      super(callable);
    }
  }

  private record EnteringFactory(Path netns, AtomicInteger count)
      implements java.util.concurrent.ThreadFactory {
    EnteringFactory(Path netns) {
      this(netns, new AtomicInteger());
    }

    @Override
    public Thread newThread(Runnable worker) {
      return Thread.ofPlatform()
          .name("netns-" + netns.getFileName() + "-" + count.incrementAndGet())
          .daemon()
          .unstarted(
              () -> {
                try {
                  NetnsThreads.enter(netns);
                } catch (RuntimeException e) {
                  // Tasks on this thread then fail in checkEntered() with a clear message.
                  System.getLogger(NetnsExecutor.class.getName())
                      .log(System.Logger.Level.WARNING, "cannot enter " + netns, e);
                }
                worker.run();
              });
    }
  }
}
