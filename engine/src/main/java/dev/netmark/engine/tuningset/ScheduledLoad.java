package dev.netmark.engine.tuningset;

import dev.netmark.engine.clock.Ticker;
import java.util.List;
import java.util.function.IntFunction;

/** A tuning set that starts action k at a precomputed offset from the first start. */
final class ScheduledLoad implements TuningSet {
  private final IntFunction<long[]> schedule;
  private final Ticker ticker;

  /**
   * @param schedule start offsets in nanoseconds for a given number of actions
   */
  ScheduledLoad(IntFunction<long[]> schedule, Ticker ticker) {
    this.schedule = schedule;
    this.ticker = ticker;
  }

  @Override
  public void execute(List<? extends Action> actions) throws InterruptedException {
    long[] offsets = schedule.apply(actions.size());
    ActionGroup group = new ActionGroup();
    long start = ticker.nanoTime();
    try {
      for (int k = 0; k < offsets.length; k++) {
        ticker.sleepUntil(start + offsets[k]);
        if (group.failed()) {
          break;
        }
        group.start(actions.get(k));
      }
    } catch (InterruptedException e) {
      group.cancel();
      throw e;
    }
    group.await();
  }
}
