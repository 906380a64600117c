package dev.netmark.testing.local.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.random.RandomGenerator;
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
  void jitterAddsUpToAFifthOfTheDelay() {
    Backoff b = Backoff.DEFAULT;
    assertThat(b.jittered(2, fixed(0.0))).isEqualTo(Duration.ofMillis(400));
    assertThat(b.jittered(2, fixed(0.5))).isEqualTo(Duration.ofMillis(440));
    assertThat(b.jittered(100, fixed(0.999))).isLessThan(Duration.ofSeconds(6));
    assertThat(b.jittered(100, fixed(0.999))).isGreaterThan(Duration.ofMillis(5990));
  }

  private static RandomGenerator fixed(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }

  @Test
  void rejectsAMaximumBelowTheStart() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("initial PT2S and max PT1S");
  }
}
