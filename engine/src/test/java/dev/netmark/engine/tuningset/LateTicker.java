package dev.netmark.engine.tuningset;

import dev.netmark.engine.clock.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * A fake clock whose sleeps wake late: the n-th call (from 0) whose deadline is still ahead returns
 * {@code lateness(n)} nanoseconds after it, as a pacing thread on a busy machine does; a deadline
 * already passed returns at once. Records when every call returned.
 */
final class LateTicker implements Ticker {
  private final IntToLongFunction lateness;
  private final List<Long> wakeUps = new ArrayList<>();
  private long now;

  LateTicker(IntToLongFunction lateness) {
    this.lateness = lateness;
  }

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized void sleepUntil(long deadline) {
    if (deadline > now) {
      now = deadline + lateness.applyAsLong(wakeUps.size());
    }
    wakeUps.add(now);
  }

  /** When each sleep returned, in order: the start times of the actions. */
  synchronized List<Long> wakeUps() {
    return List.copyOf(wakeUps);
  }
}
