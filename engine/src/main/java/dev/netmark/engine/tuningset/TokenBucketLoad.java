package dev.netmark.engine.tuningset;

import java.util.List;
import java.util.function.Supplier;

/**
 * Paces actions with a {@link TokenBucket}: {@code globalQPSLoad} draws from one bucket shared by
 * every phase using it; {@code qpsLoad} from a bucket of burst 1 of its own per execution. Each
 * action after the first asks with {@link TokenBucket#reserveNext}, so a late wake-up is caught up.
 */
final class TokenBucketLoad implements TuningSet {
  private final Supplier<TokenBucket> bucket;
  private final Ticker ticker;

  /**
   * @param bucket the bucket of one execution: the same one each time for a shared rate
   */
  TokenBucketLoad(Supplier<TokenBucket> bucket, Ticker ticker) {
    this.bucket = bucket;
    this.ticker = ticker;
  }

  @Override
  public void execute(List<? extends Action> actions) throws InterruptedException {
    TokenBucket tokens = bucket.get();
    ActionGroup group = new ActionGroup();
    try {
      for (int k = 0; k < actions.size(); k++) {
        ticker.sleepUntil(k == 0 ? tokens.reserve() : tokens.reserveNext());
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
