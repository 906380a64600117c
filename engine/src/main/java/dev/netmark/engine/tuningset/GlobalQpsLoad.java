package dev.netmark.engine.tuningset;

import dev.netmark.engine.clock.Ticker;
import java.util.List;

/**
 * {@code globalQPSLoad}: every phase using it draws from one shared {@link TokenBucket}. Each
 * action after the first asks with {@link TokenBucket#reserveNext}, so a late wake-up is caught up.
 */
final class GlobalQpsLoad implements TuningSet {
  private final TokenBucket bucket;
  private final Ticker ticker;

  GlobalQpsLoad(TokenBucket bucket, Ticker ticker) {
    this.bucket = bucket;
    this.ticker = ticker;
  }

  @Override
  public void execute(List<? extends Action> actions) throws InterruptedException {
    ActionGroup group = new ActionGroup();
    try {
      for (int k = 0; k < actions.size(); k++) {
        ticker.sleepUntil(k == 0 ? bucket.reserve() : bucket.reserveNext());
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
