package dev.netmark.shim.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When a check's attempts go out: the policy's interval, then a 25th of the time waited. */
class CheckRunScheduleTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void aYoungCheckUsesThePolicyInterval() {
    assertThat(CheckRun.intervalAfter(10 * MS, 0)).isEqualTo(10 * MS);
    assertThat(CheckRun.intervalAfter(10 * MS, 249 * MS)).isEqualTo(10 * MS);
  }

  @Test
  void thenA25thOfTheTimeWaitedSoAnAnswerIsDatedWithinFourPercent() {
    assertThat(CheckRun.intervalAfter(10 * MS, 500 * MS)).isEqualTo(20 * MS);
    assertThat(CheckRun.intervalAfter(10 * MS, 4_000 * MS)).isEqualTo(160 * MS);
  }

  @Test
  void atMostOneSecondUnlessThePolicyAsksForMore() {
    assertThat(CheckRun.intervalAfter(10 * MS, 60_000 * MS)).isEqualTo(1_000 * MS);
    assertThat(CheckRun.intervalAfter(2_000 * MS, 60_000 * MS)).isEqualTo(2_000 * MS);
  }

  @Test
  void aMinuteWithoutAnAnswerCostsAbout180AttemptsNotSixThousand() {
    assertThat(attemptsWithin(3_000 * MS)).isEqualTo(89);
    assertThat(attemptsWithin(60_000 * MS)).isEqualTo(178);
  }

  private static int attemptsWithin(long deadline) {
    int n = 0;
    for (long due = 0; due < deadline; due += CheckRun.intervalAfter(10 * MS, due)) {
      n++;
    }
    return n;
  }
}
