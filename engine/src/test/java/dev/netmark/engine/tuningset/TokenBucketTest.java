package dev.netmark.engine.tuningset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.engine.clock.FakeTicker;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final long MS = 1_000_000;

  @Test
  void startsFullThenHandsOutOneTokenPerInterval() {
    FakeTicker ticker = new FakeTicker();
    TokenBucket bucket = new TokenBucket(10, 3, ticker);
    long[] starts = new long[6];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = bucket.reserve();
    }
    assertThat(starts).containsExactly(0, 0, 0, 100 * MS, 200 * MS, 300 * MS);
  }

  @Test
  void refillsWhileIdleButNeverBeyondTheBurst() {
    FakeTicker ticker = new FakeTicker();
    TokenBucket bucket = new TokenBucket(10, 2, ticker);
    bucket.reserve();
    bucket.reserve();
    ticker.advance(10_000 * MS);
    // Ten idle seconds refill only the burst of 2; the third waits one interval.
    assertThat(new long[] {bucket.reserve(), bucket.reserve(), bucket.reserve()})
        .containsExactly(10_000 * MS, 10_000 * MS, 10_100 * MS);
  }
}
