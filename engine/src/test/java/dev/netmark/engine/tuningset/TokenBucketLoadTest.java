package dev.netmark.engine.tuningset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.Params;
import dev.netmark.engine.config.TuningSetSpec;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntToLongFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code qpsLoad} and {@code globalQPSLoad} at 1,000 QPS with a pacing thread that wakes late: the
 * rate is kept, and no more than the burst starts at one instant.
 */
class TokenBucketLoadTest {
  private static final long MS = 1_000_000;
  private static final int ACTIONS = 1001;

  private static List<Long> starts(String kind, Map<String, Object> params, LateTicker ticker)
      throws InterruptedException {
    TuningSetSpec spec =
        new TuningSetSpec(
            "t", kind, new Params(params, "tuningSets[0]", p -> p), "tuningSets[0] (t.yaml:2)");
    List<Action> noops = IntStream.range(0, ACTIONS).<Action>mapToObj(i -> () -> {}).toList();
    TuningSets.create(spec, ticker, new Random(1)).execute(noops);
    return ticker.wakeUps();
  }

  /** The most actions started at one instant. */
  private static int mostAtOnce(List<Long> starts) {
    TreeMap<Long, Integer> counts = new TreeMap<>();
    starts.forEach(t -> counts.merge(t, 1, Integer::sum));
    return Collections.max(counts.values());
  }

  // 1,001 starts at 1,000/s span 1,000 ms on time; the last start is as late as any other. With
  // a burst of 3, actions 0-2 start at once and the rest run 2 intervals ahead: 998 ms + 1.5.
  @ParameterizedTest(name = "{0} burst {1}, every wake {2} ms late: span {3} ms")
  @CsvSource({
    "globalQPSLoad, 1, 0, 1000",
    "globalQPSLoad, 1, 0.3, 1000.3",
    "globalQPSLoad, 1, 0.45, 1000.45",
    "globalQPSLoad, 3, 1.5, 998.5",
    "qpsLoad, 1, 0.3, 1000.3",
  })
  void keepsTheRateWhenEveryWakeUpIsLate(String kind, int burst, double lateMs, double spanMs)
      throws InterruptedException {
    long late = Math.round(lateMs * MS);
    Map<String, Object> params =
        kind.equals("qpsLoad") ? Map.of("qps", 1000) : Map.of("qps", 1000, "burst", burst);
    List<Long> starts = starts(kind, params, new LateTicker(n -> late));

    assertThat(starts.getLast() - starts.getFirst()).isEqualTo(Math.round(spanMs * MS));
    assertThat(mostAtOnce(starts)).isLessThanOrEqualTo(burst);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"globalQPSLoad", "qpsLoad"})
  void catchesUpAfterOneLateWakeUpAtTwiceTheRate(String kind) throws InterruptedException {
    // The 100th wake-up is 10 ms late; every other is on time.
    IntToLongFunction lateness = n -> n == 100 ? 10 * MS : 0;
    List<Long> starts = starts(kind, Map.of("qps", 1000), new LateTicker(lateness));

    assertThat(starts.get(99)).isEqualTo(99 * MS);
    assertThat(starts.get(100)).isEqualTo(110 * MS);
    // The 10 ms overslept are owed: starts follow every 0.5 ms until they are caught up ...
    assertThat(starts.subList(101, 104)).containsExactly(110_500_000L, 111 * MS, 111_500_000L);
    // ... 20 starts later, and from then on the schedule of a thread that was never late.
    assertThat(starts.get(120)).isEqualTo(120 * MS);
    assertThat(starts.getLast()).isEqualTo(1000 * MS);
    assertThat(mostAtOnce(starts)).isEqualTo(1);
  }

  @ParameterizedTest(name = "burst {0}")
  @CsvSource({"1", "4"})
  void anIdleBucketStillKeepsOnlyItsBurst(int burst) throws InterruptedException {
    FakeTicker ticker = new FakeTicker();
    TokenBucket bucket = new TokenBucket(1000, burst, ticker);
    bucket.reserve();
    ticker.advance(10_000 * MS);
    // Ten idle seconds: the burst is ready at once, the next token one interval later.
    long now = ticker.nanoTime();
    for (int i = 0; i < burst; i++) {
      assertThat(i == 0 ? bucket.reserve() : bucket.reserveNext()).isEqualTo(now);
    }
    assertThat(bucket.reserveNext()).isEqualTo(now + MS);
  }
}
