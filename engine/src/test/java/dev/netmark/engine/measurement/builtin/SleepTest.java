package dev.netmark.engine.measurement.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.api.Params;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SleepTest {
  private final SleepFactory factory = new SleepFactory();

  @Test
  void sleepsAndReturnsNoSummary() throws InterruptedException {
    long start = System.nanoTime();
    assertThat(
            factory.create(null).execute(Params.of(Map.of("action", "sleep", "duration", "20ms"))))
        .isEmpty();
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(20);
  }

  @Test
  void durationIsRequiredAndMustParse() {
    assertThatThrownBy(() -> factory.validate(Params.of(Map.of("action", "sleep"))))
        .hasMessage("params.duration: is required, e.g. 10s");
    assertThatThrownBy(
            () -> factory.validate(Params.of(Map.of("action", "sleep", "duration", "ten"))))
        .hasMessage(
            "params.duration: expected a duration such as 500ms, 10s, 5m or 1m30s, found 'ten'");
  }
}
