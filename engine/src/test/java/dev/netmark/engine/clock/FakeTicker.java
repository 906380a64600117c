package dev.netmark.engine.clock;

import java.util.ArrayList;
import java.util.List;

/** A ticker whose sleeps advance time at once and are recorded, for exact schedule tests. */
public final class FakeTicker implements Ticker {
  private long now;
  private final List<Long> sleptUntil = new ArrayList<>();

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized void sleepUntil(long deadline) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    sleptUntil.add(deadline);
    now = Math.max(now, deadline);
  }

  /** Moves time forward without a sleep. */
  public synchronized void advance(long nanos) {
    now += nanos;
  }

  /** Every deadline slept until, in order. */
  public synchronized List<Long> sleptUntil() {
    return List.copyOf(sleptUntil);
  }
}
