package dev.netmark.engine.clock;

import java.util.concurrent.locks.LockSupport;

/** Monotonic time and sleeping, apart so schedules can be tested without sleeping. */
public interface Ticker {

  /** Monotonic nanoseconds, like {@link System#nanoTime()}. */
  long nanoTime();

  /** Returns once {@link #nanoTime()} has reached {@code deadline}. */
  void sleepUntil(long deadline) throws InterruptedException;

  /** The real clock. */
  static Ticker system() {
    return SystemTicker.INSTANCE;
  }

  /** {@link System#nanoTime()} and parking; deadlines are absolute so errors never accumulate. */
  enum SystemTicker implements Ticker {
    INSTANCE;

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleepUntil(long deadline) throws InterruptedException {
      long left;
      while ((left = deadline - System.nanoTime()) > 0) {
        LockSupport.parkNanos(left);
        if (Thread.interrupted()) {
          throw new InterruptedException("interrupted while waiting to start the next action");
        }
      }
    }
  }
}
