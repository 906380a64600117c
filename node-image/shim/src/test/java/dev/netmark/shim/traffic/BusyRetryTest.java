package dev.netmark.shim.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BusyRetryTest {
  private static final long MS = 1_000_000L;

  @Test
  void waitsDoubleFromTheFirstStepToTheCapEachInTheUpperHalfOfItsStep() {
    BusyRetry busy = new BusyRetry(Duration.ofHours(1), 0);
    SplittableRandom random = new SplittableRandom(7);
    long[] steps = {250, 500, 1000, 2000, 2000, 2000};
    for (long step : steps) {
      long wait = busy.next(0, random).orElseThrow();
      assertThat(wait).isBetween(step / 2, step);
    }
    assertThat(busy.retries()).isEqualTo(steps.length);
  }

  @Test
  void twoClientsThatMetDrawDifferentWaits() {
    List<Long> first = new ArrayList<>();
    List<Long> second = new ArrayList<>();
    BusyRetry a = new BusyRetry(Duration.ofHours(1), 0);
    BusyRetry b = new BusyRetry(Duration.ofHours(1), 0);
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 5; i++) {
      first.add(a.next(0, random).orElseThrow());
      second.add(b.next(0, random).orElseThrow());
    }
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void noWaitEndsPastTheBudgetAndARefusedWaitIsNotARetry() {
    long start = 5_000 * MS;
    BusyRetry busy = new BusyRetry(Duration.ofMillis(1000), start);
    SplittableRandom random = new SplittableRandom(3);
    long now = start;
    OptionalLong wait;
    while ((wait = busy.next(now, random)).isPresent()) {
      now += wait.getAsLong() * MS;
      assertThat(now - start).isLessThanOrEqualTo(1000 * MS);
    }
    assertThat(busy.retries()).isBetween(1, 3);
    int retries = busy.retries();
    assertThat(busy.next(now, random)).isEmpty();
    assertThat(busy.retries()).isEqualTo(retries);
  }

  @Test
  void aZeroBudgetGivesNoRetry() {
    assertThat(new BusyRetry(Duration.ZERO, 0).next(0, new SplittableRandom(1))).isEmpty();
  }
}
