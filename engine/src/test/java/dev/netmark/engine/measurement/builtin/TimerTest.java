package dev.netmark.engine.measurement.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.api.ConfigException;
import dev.netmark.api.Measurement;
import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimerTest {
  private final Measurement timer = new TimerFactory().create(null);

  private List<Summary> run(String action, String label) throws InterruptedException {
    return timer.execute(
        Params.of(
            label == null ? Map.of("action", action) : Map.of("action", action, "label", label)));
  }

  @Test
  void gatherReportsEveryStoppedPhaseOnceWithItsDuration() throws InterruptedException {
    assertThat(run("start", "create")).isEmpty();
    assertThat(run("start", "wait")).isEmpty();
    Thread.sleep(5);
    assertThat(run("stop", "create")).isEmpty();
    List<Summary> out = run("gather", null);
    assertThat(out).hasSize(1);
    Summary s = out.getFirst();
    assertThat(s.name()).isEqualTo("Timer");
    assertThat(s.dataItems()).hasSize(1);
    var item = s.dataItems().getFirst();
    assertThat(item.labels()).isEqualTo(Map.of("Metric", "create"));
    assertThat(item.unit()).isEqualTo("ms");
    assertThat(item.data().keySet()).containsExactlyInAnyOrder("Perc50", "Perc90", "Perc99");
    // The three statistics of one phase are its one duration; at least the 5 ms slept.
    assertThat(item.data().get("Perc50"))
        .isEqualTo(item.data().get("Perc99"))
        .isGreaterThanOrEqualTo(5.0);
    assertThat(s.notes()).containsExactly("timers started but never stopped: wait");
  }

  @Test
  void stopWithoutStartNamesTheLabel() {
    assertThatThrownBy(() -> run("stop", "never"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("params.label: timer 'never' was never started");
  }

  @Test
  void validateRejectsUnknownActionAndMissingLabel() {
    TimerFactory f = new TimerFactory();
    assertThatThrownBy(() -> f.validate(Params.of(Map.of("action", "reset"))))
        .hasMessage("params.action: expected one of start, stop, gather, found 'reset'");
    assertThatThrownBy(() -> f.validate(Params.of(Map.of("action", "start"))))
        .hasMessage("params.label: is required");
    f.validate(Params.of(Map.of("action", "gather")));
  }
}
