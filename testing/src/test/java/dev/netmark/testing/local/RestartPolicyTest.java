package dev.netmark.testing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {
  private static final Instant NOW = Instant.parse("2026-12-05T10:04:42Z");

  @Test
  void backsOffDoublingPerRestartOfTheLastMinute() {
    RestartPolicy p = RestartPolicy.DEFAULT;
    assertThat(p.next(List.of(), NOW)).contains(Duration.ofMillis(200));
    assertThat(p.next(List.of(NOW.minusSeconds(10)), NOW)).contains(Duration.ofMillis(400));
    assertThat(p.next(List.of(NOW.minusSeconds(20), NOW.minusSeconds(10)), NOW))
        .contains(Duration.ofMillis(800));
  }

  @Test
  void restartsOlderThanAMinuteNoLongerCount() {
    assertThat(RestartPolicy.DEFAULT.next(List.of(NOW.minusSeconds(61)), NOW))
        .contains(Duration.ofMillis(200));
  }

  @Test
  void givesUpAtTheLimitWithinAMinute() {
    List<Instant> five =
        List.of(
            NOW.minusSeconds(50),
            NOW.minusSeconds(40),
            NOW.minusSeconds(30),
            NOW.minusSeconds(20),
            NOW.minusSeconds(10));
    assertThat(RestartPolicy.DEFAULT.next(five.subList(0, 4), NOW)).isPresent();
    assertThat(RestartPolicy.DEFAULT.next(five, NOW)).isEmpty();
  }

  @Test
  void rejectsALimitBelowOne() {
    assertThatThrownBy(() -> new RestartPolicy(RestartPolicy.DEFAULT.backoff(), 0))
        .hasMessage("restarts per minute must be >= 1, found 0");
  }
}
