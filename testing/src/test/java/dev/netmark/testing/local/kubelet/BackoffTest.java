package dev.netmark.testing.local.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesUpToTheMaximum() {
    Backoff b = Backoff.DEFAULT;
    assertThat(b.delay(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(b.delay(2)).isEqualTo(Duration.ofMillis(400));
    assertThat(b.delay(5)).isEqualTo(Duration.ofMillis(3200));
    assertThat(b.delay(6)).isEqualTo(Duration.ofSeconds(5));
    assertThat(b.delay(100)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void rejectsAMaximumBelowTheStart() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("initial PT2S and max PT1S");
  }
}
