package dev.netmark.engine.tuningset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.Params;
import dev.netmark.engine.clock.FakeTicker;
import dev.netmark.engine.config.TuningSetSpec;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToLongFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code globalQPSLoad} at 1,000 QPS with a pacing thread that wakes late keeps its rate. */
class GlobalQpsLoadTest {
  private static final long MS = 1_000_000;
  private static final int ACTIONS = 1001;

  private static List<Long> starts(int burst, LateTicker ticker) throws InterruptedException {
    TuningSetSpec spec =
        new TuningSetSpec(
            "t",
            "globalQPSLoad",
            new Params(Map.of("qps", 1000, "burst", burst), "tuningSets[0]", p -> p),
            "tuningSets[0] (t.yaml:2)");
    List<Action> noops = IntStream.range(0, ACTIONS).<Action>mapToObj(i -> () -> {}).toList();
    TuningSets.create(spec, ticker, new Random(1)).execute(noops);
    return ticker.wakeUps();
  }

  // 1,001 starts at 1,000/s span 1,000 ms on time; however late each wake-up, the last start is
  // at most that late (when it ends a sleep rather than a catch-up). With a burst of 3, actions
  // 0-2 start at once and the rest run 2 intervals ahead: 998 ms.
  @ParameterizedTest(name = "burst {0}, every wake-up {1} ms late: span {2} ms")
  @CsvSource({"1, 0, 1000", "1, 0.3, 1000.3", "1, 1.5, 1000", "1, 4, 1000", "3, 1.5, 998.5"})
  void keepsTheRateWhenEveryWakeUpIsLate(int burst, double lateMs, double spanMs)
      throws InterruptedException {
    long late = Math.round(lateMs * MS);
    List<Long> starts = starts(burst, new LateTicker(n -> late));

    assertThat(starts).hasSize(ACTIONS);
    assertThat(starts.getLast() - starts.getFirst()).isEqualTo(Math.round(spanMs * MS));
  }

  @Test
  void startsWhatItOwesAfterALateWakeUpThenFollowsTheScheduleAgain() throws InterruptedException {
    // The wake-up for action 100 is 10 ms late; every other one is on time.
    IntToLongFunction lateness = n -> n == 100 ? 10 * MS : 0;
    List<Long> starts = starts(1, new LateTicker(lateness));

    assertThat(starts.get(99)).isEqualTo(99 * MS);
    // Action 100 and the 10 it is behind on (101-110) start at the wake-up ...
    assertThat(starts.subList(100, 111)).containsOnly(110 * MS);
    // ... and from then on the schedule of a thread that was never late.
    assertThat(starts.get(111)).isEqualTo(111 * MS);
    assertThat(starts.getLast()).isEqualTo(1000 * MS);
  }

  @Test
  void aStallLongerThanASecondLosesWhatIsOwedBeyondIt() throws InterruptedException {
    // Action 100 wakes 3 s late: 3,000 tokens overflow, 1,000 (one second's worth) are kept.
    IntToLongFunction lateness = n -> n == 100 ? 3_000 * MS : 0;
    List<Long> starts = starts(1, new LateTicker(lateness));

    // Action 100, the one token the bucket holds and the 1,000 owed: every remaining action.
    assertThat(starts.subList(100, ACTIONS)).containsOnly(3_100 * MS);
  }

  @ParameterizedTest(name = "burst {0}")
  @CsvSource({"1", "4"})
  void anIdleBucketStillKeepsOnlyItsBurst(int burst) {
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
