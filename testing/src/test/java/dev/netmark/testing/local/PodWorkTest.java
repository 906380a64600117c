package dev.netmark.testing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.testing.local.MachineSpeed.Timed;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which ADDs of the machine reference are kept: those timed while the measured pods were made. */
class PodWorkTest {
  private static Pod pod(Map<String, String> labels) {
    return new PodBuilder().withNewMetadata().withLabels(labels).endMetadata().build();
  }

  private static final Map<String, String> MEASURED = Map.of("netperf", "true");

  @Test
  void onlyNetperfPodsThatAreNoWarmUpPodsSpanTheWindow() {
    PodWork w = new PodWork();
    w.created("n0", pod(Map.of("netperf", "true", "netmark.dev/warmup", "true")), 1_000_000, "a");
    w.created("n0", pod(Map.of("app", "web")), 2_000_000, "b");
    w.created("n0", pod(Map.of("netperf", "false")), 3_000_000, "c");
    assertThat(w.window()).isEmpty();
    assertThat(w.busy(3_000)).isFalse();

    w.created("n1", pod(MEASURED), 9_000_000, "d");
    w.created("n2", pod(MEASURED), 5_000_000, "e"); // told late, from another node's thread
    w.created("n0", pod(MEASURED), 7_000_000, "f");

    assertThat(w.window()).contains(new PodWork.Window(5_000, 9_000));
  }

  @Test
  void busyUntilTwoSecondsAfterTheLastMeasuredSandbox() {
    PodWork w = new PodWork();
    w.created("n0", pod(MEASURED), 10_000_000, "a");

    assertThat(w.busy(10_000)).isTrue();
    assertThat(w.busy(11_999)).isTrue();
    assertThat(w.busy(12_000)).isFalse();
  }

  @Test
  void keepsTheAddsStartedInTheWindowWhenThereAreEnough() {
    List<Timed> all = IntStream.range(0, 20).mapToObj(i -> new Timed(i * 1_000L, 100 + i)).toList();

    List<Timed> kept = MachineSpeed.kept(all, Optional.of(new PodWork.Window(5_000, 9_000)));

    assertThat(kept)
        .extracting(Timed::startMs)
        .containsExactly(5_000L, 6_000L, 7_000L, 8_000L, 9_000L);
  }

  @Test
  void keepsEveryAddWhenTooFewFellInTheWindowOrThereIsNone() {
    List<Timed> all = IntStream.range(0, 20).mapToObj(i -> new Timed(i * 1_000L, 100 + i)).toList();

    assertThat(MachineSpeed.kept(all, Optional.of(new PodWork.Window(5_000, 8_000))))
        .isEqualTo(all);
    assertThat(MachineSpeed.kept(all, Optional.empty())).isEqualTo(all);
    assertThat(MachineSpeed.kept(List.of(), Optional.of(new PodWork.Window(0, 1)))).isEmpty();
  }
}
