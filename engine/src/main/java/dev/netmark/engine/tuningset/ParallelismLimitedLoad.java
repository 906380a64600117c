package dev.netmark.engine.tuningset;

import java.util.List;
import java.util.concurrent.Semaphore;

/** {@code parallelismLimitedLoad}: as fast as possible, at most {@code limit} at a time. */
final class ParallelismLimitedLoad implements TuningSet {
  private final int limit;

  ParallelismLimitedLoad(int limit) {
    this.limit = limit;
  }

  @Override
  public void execute(List<? extends Action> actions) throws InterruptedException {
    Semaphore permits = new Semaphore(limit);
    ActionGroup group = new ActionGroup();
    try {
      for (int k = 0; k < actions.size(); k++) {
        permits.acquire();
        if (group.failed()) {
          break;
        }
        Action action = actions.get(k);
        group.start(
            () -> {
              try {
                action.run();
              } finally {
                permits.release();
              }
            });
      }
    } catch (InterruptedException e) {
      group.cancel();
      throw e;
    }
    group.await();
  }
}
