package dev.netmark.shim.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When a check's attempts go out: the policy's interval, widened to a 250th of the time waited and
 * to the check's share of the node's budget.
 */
class CheckRunScheduleTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void aYoungCheckAloneUsesThePolicyInterval() {
    assertThat(AttemptPacing.intervalAfter(2 * MS, 0, 1)).isEqualTo(2 * MS);
    assertThat(AttemptPacing.intervalAfter(2 * MS, 499 * MS, 1)).isEqualTo(2 * MS);
  }

  @Test
  void thenA250thOfTheTimeWaitedSoAnAnswerIsDatedWithinFourPerMille() {
    assertThat(AttemptPacing.intervalAfter(2 * MS, 1_000 * MS, 1)).isEqualTo(4 * MS);
    assertThat(AttemptPacing.intervalAfter(2 * MS, 10_000 * MS, 1)).isEqualTo(40 * MS);
  }

  @Test
  void checksWaitingTogetherShareFourThousandAttemptsASecond() {
    // One pod's 10 checks: 2.5 ms apart each, 4,000 a second between them.
    assertThat(AttemptPacing.intervalAfter(2 * MS, 0, 10)).isEqualTo(2_500_000L);
    // 300 pods' 3,000 checks: each 0.75 s apart.
    assertThat(AttemptPacing.intervalAfter(2 * MS, 0, 3_000)).isEqualTo(750 * MS);
    // The wider of the share and the resolution rule.
    assertThat(AttemptPacing.intervalAfter(2 * MS, 10_000 * MS, 10)).isEqualTo(40 * MS);
  }

  @Test
  void atMostOneSecondUnlessThePolicyAsksForMore() {
    assertThat(AttemptPacing.intervalAfter(2 * MS, 600_000 * MS, 1)).isEqualTo(1_000 * MS);
    assertThat(AttemptPacing.intervalAfter(2 * MS, 0, 100_000)).isEqualTo(1_000 * MS);
    assertThat(AttemptPacing.intervalAfter(2_000 * MS, 60_000 * MS, 1)).isEqualTo(2_000 * MS);
  }

  @Test
  void aMinuteWithoutAnAnswerCostsAboutFourteenHundredAttemptsNotThirtyThousand() {
    assertThat(attemptsWithin(3_000 * MS)).isBetween(650, 750);
    assertThat(attemptsWithin(60_000 * MS)).isBetween(1_400, 1_500);
  }

  @Test
  void theLoopCountsEachCheckFromItsStartToItsEnd() {
    AttemptPacing pacing = new AttemptPacing();
    pacing.started();
    pacing.started();
    assertThat(pacing.intervalAfter(0, 0)).isEqualTo(500_000L);
    pacing.ended();
    assertThat(pacing.waiting()).isEqualTo(1);
    assertThat(pacing.intervalAfter(0, 0)).isEqualTo(250_000L);
  }

  private static int attemptsWithin(long deadline) {
    int n = 0;
    for (long due = 0; due < deadline; due += AttemptPacing.intervalAfter(2 * MS, due, 1)) {
      n++;
    }
    return n;
  }
}
