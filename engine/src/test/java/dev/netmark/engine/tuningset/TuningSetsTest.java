package dev.netmark.engine.tuningset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.api.ConfigException;
import dev.netmark.api.Params;
import dev.netmark.engine.clock.FakeTicker;
import dev.netmark.engine.clock.Ticker;
import dev.netmark.engine.config.TuningSetSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TuningSetsTest {
  private static final long MS = 1_000_000;
  private final FakeTicker ticker = new FakeTicker();

  private static TuningSetSpec spec(String name, String kind, Map<String, Object> params) {
    return new TuningSetSpec(
        name,
        kind,
        new Params(params, "tuningSets[0]." + kind, p -> p + " (t.yaml:3)"),
        "tuningSets[0] (t.yaml:2)");
  }

  private static List<Action> noops(int n, AtomicInteger ran) {
    return IntStream.range(0, n).<Action>mapToObj(i -> ran::incrementAndGet).toList();
  }

  @Test
  void qpsLoadSleepsUntilEachScheduledStart() throws Exception {
    TuningSets sets = new TuningSets(List.of(spec("u", "qpsLoad", Map.of("qps", 20))), ticker, 1);
    AtomicInteger ran = new AtomicInteger();
    sets.get("u", "p").execute(noops(5, ran));
    assertThat(ran).hasValue(5);
    assertThat(ticker.sleptUntil()).containsExactly(0L, 50 * MS, 100 * MS, 150 * MS, 200 * MS);
  }

  @Test
  void steppedLoadSleepsBetweenBursts() throws Exception {
    TuningSets sets =
        new TuningSets(
            List.of(spec("s", "steppedLoad", Map.of("burstSize", 2, "stepDelay", "3s"))),
            ticker,
            1);
    sets.get("s", "p").execute(noops(5, new AtomicInteger()));
    assertThat(ticker.sleptUntil()).containsExactly(0L, 0L, 3000 * MS, 3000 * MS, 6000 * MS);
  }

  @Test
  void globalQpsLoadSharesOneBucketAcrossPhases() throws Exception {
    TuningSets sets =
        new TuningSets(
            List.of(spec("g", "globalQPSLoad", Map.of("qps", 10, "burst", 2))), ticker, 1);
    sets.get("g", "phase 1").execute(noops(3, new AtomicInteger()));
    sets.get("g", "phase 2").execute(noops(2, new AtomicInteger()));
    // Burst of 2 at t=0, then one token every 100 ms, continuing across both executions.
    assertThat(ticker.sleptUntil()).containsExactly(0L, 0L, 100 * MS, 200 * MS, 300 * MS);
  }

  @Test
  void parallelismLimitedLoadNeverRunsMoreThanTheLimit() throws Exception {
    TuningSets sets =
        new TuningSets(
            List.of(spec("p", "parallelismLimitedLoad", Map.of("parallelismLimit", 3))), ticker, 1);
    AtomicInteger running = new AtomicInteger();
    List<Integer> peaks = Collections.synchronizedList(new ArrayList<>());
    List<Action> actions = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      actions.add(
          () -> {
            peaks.add(running.incrementAndGet());
            Thread.sleep(2);
            running.decrementAndGet();
          });
    }
    sets.get("p", "p").execute(actions);
    assertThat(peaks).hasSize(30);
    assertThat(Collections.max(peaks)).isEqualTo(3);
  }

  @Test
  void actionsRunConcurrentlySoASlowOneDoesNotDelayLaterStarts() throws Exception {
    TuningSets sets = new TuningSets(List.of(spec("u", "qpsLoad", Map.of("qps", 1000))), ticker, 1);
    CountDownLatch secondStarted = new CountDownLatch(1);
    // The first action blocks until the second one ran: this only finishes if both run at once.
    sets.get("u", "p").execute(List.of(secondStarted::await, secondStarted::countDown));
    assertThat(secondStarted.getCount()).isZero();
  }

  @Test
  void aFailureStopsNewStartsAndIsRethrown() {
    java.util.concurrent.atomic.AtomicReference<Thread> failing =
        new java.util.concurrent.atomic.AtomicReference<>();
    List<Long> sleeps = new ArrayList<>();
    // Before the second start, wait until the failing action's thread has ended (and so has
    // recorded its failure): makes the test deterministic without timing.
    Ticker ordered =
        new Ticker() {
          @Override
          public long nanoTime() {
            return 0;
          }

          @Override
          public void sleepUntil(long deadline) throws InterruptedException {
            sleeps.add(deadline);
            if (sleeps.size() == 2) {
              while (failing.get() == null) {
                Thread.onSpinWait();
              }
              failing.get().join();
            }
          }
        };
    TuningSets sets = new TuningSets(List.of(spec("u", "qpsLoad", Map.of("qps", 10))), ordered, 1);
    AtomicInteger ran = new AtomicInteger();
    List<Action> actions = new ArrayList<>();
    actions.add(
        () -> {
          failing.set(Thread.currentThread());
          throw new IllegalStateException("Pod ns/p-0: create failed");
        });
    actions.addAll(noops(3, ran));
    assertThatThrownBy(() -> sets.get("u", "p").execute(actions))
        .isInstanceOf(ActionsFailedException.class)
        .hasMessage("Pod ns/p-0: create failed")
        .satisfies(e -> assertThat(((ActionsFailedException) e).failedCount()).isEqualTo(1));
    // The second action was due but never started: the pacer saw the failure first.
    assertThat(ran).hasValue(0);
    assertThat(sleeps).containsExactly(0L, 100 * MS);
  }

  @Test
  void manyFailuresAreCountedAndTheFirstFewKept() {
    TuningSets sets =
        new TuningSets(
            List.of(spec("p", "parallelismLimitedLoad", Map.of("parallelismLimit", 100))),
            ticker,
            1);
    CountDownLatch all = new CountDownLatch(20);
    List<Action> actions = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int n = i;
      actions.add(
          () -> {
            all.countDown();
            all.await();
            throw new IllegalStateException("failure " + n);
          });
    }
    assertThatThrownBy(() -> sets.get("p", "p").execute(actions))
        .isInstanceOf(ActionsFailedException.class)
        .hasMessageStartingWith("20 actions failed, the first: failure ")
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(ActionGroup.MAX_KEPT_FAILURES - 1));
  }

  @Test
  void interruptCancelsRunningActions() throws Exception {
    TuningSets sets =
        new TuningSets(
            List.of(spec("p", "parallelismLimitedLoad", Map.of("parallelismLimit", 2))), ticker, 1);
    CountDownLatch started = new CountDownLatch(2);
    AtomicInteger cancelled = new AtomicInteger();
    Action blocking =
        () -> {
          started.countDown();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            cancelled.incrementAndGet();
            throw e;
          }
        };
    Thread runner =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    sets.get("p", "p").execute(List.of(blocking, blocking, blocking));
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    started.await();
    runner.interrupt();
    runner.join();
    assertThat(cancelled).hasValue(2);
  }

  @ParameterizedTest(name = "{0} {1}={2}")
  @CsvSource({
    "qpsLoad, qps, 0, 'tuningSets[0].qpsLoad.qps (t.yaml:3): expected a number > 0, found 0'",
    "qpsLoad, qps, -5, 'tuningSets[0].qpsLoad.qps (t.yaml:3): expected a number > 0, found -5'",
    "steppedLoad, burstSize, 2.5, "
        + "'tuningSets[0].steppedLoad.burstSize (t.yaml:3): expected an integer, found ''2.5'''",
    "timeLimitedLoad, timeLimit, soon, 'tuningSets[0].timeLimitedLoad.timeLimit (t.yaml:3): "
        + "expected a duration such as 500ms, 10s, 5m or 1m30s, found ''soon'''",
  })
  void badParamsNameTheirPath(String kind, String key, String value, String message) {
    // As YAML reads them: integers as Integer, decimals as Double, the rest as strings.
    Object v =
        value.matches("-?[0-9]+")
            ? (Object) Integer.parseInt(value)
            : value.matches("-?[0-9.]+") ? (Object) Double.parseDouble(value) : value;
    assertThatThrownBy(() -> new TuningSets(List.of(spec("x", kind, Map.of(key, v))), ticker, 1))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void missingParamAndUnknownKindAreConfigErrors() {
    assertThatThrownBy(() -> new TuningSets(List.of(spec("x", "poissonLoad", Map.of())), ticker, 1))
        .hasMessage("tuningSets[0].poissonLoad.expectedActionsPerSecond (t.yaml:3): is required");
    assertThatThrownBy(() -> new TuningSets(List.of(spec("x", "burstLoad", Map.of())), ticker, 1))
        .hasMessageStartingWith("tuningSets[0] (t.yaml:2): unknown tuning set kind 'burstLoad'")
        .hasMessageContaining("qpsLoad, randomizedLoad, steppedLoad");
    TuningSets sets = new TuningSets(List.of(spec("u", "qpsLoad", Map.of("qps", 1))), ticker, 1);
    assertThatThrownBy(() -> sets.get("Uniform", "steps[0].phases[0].tuningSet"))
        .hasMessage(
            "steps[0].phases[0].tuningSet: unknown tuning set 'Uniform', the config defines [u]");
  }
}
