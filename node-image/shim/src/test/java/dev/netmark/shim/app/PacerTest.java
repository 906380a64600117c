package dev.netmark.shim.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerTest {
  private static final long MS = 1_000_000L;

  @Test
  void requestIGoesOutAtStartPlusIOverR() {
    Pacer p = new Pacer(1000 * MS, 10, 0);
    assertThat(p.take(1000 * MS)).isEqualTo(0);
    assertThat(p.nextDue()).isEqualTo(1100 * MS);
    assertThat(p.take(1099 * MS)).isEqualTo(-1);
    assertThat(p.take(1100 * MS)).isEqualTo(1);
    assertThat(p.take(1200 * MS)).isEqualTo(2);
    assertThat(p.skipped()).isZero();
  }

  @Test
  void aLateTurnSendsOneRequestForTheLatestSlotAndNoBurst() {
    Pacer p = new Pacer(0, 10, 0);
    assertThat(p.take(0)).isEqualTo(0);
    // the loop was busy from 0.1 s to 0.35 s: slots 1, 2 and 3 passed; one request goes out now
    assertThat(p.take(350 * MS)).isEqualTo(3);
    assertThat(p.take(350 * MS)).isEqualTo(-1);
    assertThat(p.skipped()).isEqualTo(2);
    assertThat(p.nextDue()).isEqualTo(400 * MS);
    assertThat(p.take(400 * MS)).isEqualTo(4);
  }

  @Test
  void aStartLearnedLateStillSendsOnlyOne() {
    Pacer p = new Pacer(0, 1000, 0);
    assertThat(p.take(5 * MS + 1)).isEqualTo(5);
    assertThat(p.take(5 * MS + 2)).isEqualTo(-1);
    assertThat(p.nextDue()).isEqualTo(6 * MS);
  }

  @Test
  void theDurationEndsTheCalls() {
    Pacer p = new Pacer(0, 2, 1000 * MS);
    assertThat(p.take(0)).isEqualTo(0);
    assertThat(p.over()).isFalse();
    assertThat(p.take(500 * MS)).isEqualTo(1);
    assertThat(p.over()).isTrue();
    assertThat(p.take(5000 * MS)).isEqualTo(-1);
    Pacer late = new Pacer(0, 2, 1000 * MS);
    late.take(0);
    // the turn came after the end: the last slot before it still goes out, once
    assertThat(late.take(3000 * MS)).isEqualTo(1);
    assertThat(late.take(3000 * MS)).isEqualTo(-1);
  }

  @Test
  void aSlowRateHasLongSlots() {
    Pacer p = new Pacer(0, 0.1, 0);
    p.take(0);
    assertThat(p.nextDue()).isEqualTo(10_000 * MS);
  }
}
