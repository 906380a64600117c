package dev.netmark.testing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.Baseline;
import dev.netmark.testing.local.RawProbes.Shot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConcurrentBaselinesTest {
  private static final RawPingTarget SAME = RawPingTarget.of("10.0.1.2", "the node's control pod");

  @Test
  void eachClassHasItsAnsweredPingsBesideNetmarksNumbersOfTheSamePods() {
    Map<String, List<Shot>> shots = new LinkedHashMap<>();
    shots.put(
        "same_node",
        List.of(
            new Shot("a", SAME, 2.0, 2.0, 1.0, null),
            new Shot("b", SAME, 6.0, 3.0, 1.5, null),
            new Shot("c", SAME, Double.NaN, 2.5, 2.0, "no answer in 5 s")));
    shots.put(
        "service",
        List.of(
            new Shot(
                "a",
                RawPingTarget.none("no control service"),
                Double.NaN,
                Double.NaN,
                Double.NaN,
                "no control service")));
    List<Baseline> b =
        ConcurrentBaselines.of(
            shots,
            3,
            Map.of(
                "a", Map.of("same_node", 9.0, "service", 20.0),
                "b", Map.of("same_node", 11.0)));
    assertThat(b).hasSize(2);
    Baseline same = b.get(0);
    assertThat(same.metric()).isEqualTo("probe_same_node");
    assertThat(same.side()).isEqualTo("raw-concurrent");
    assertThat(same.samples()).containsExactly(2.0, 6.0);
    assertThat(same.netmark()).containsExactlyInAnyOrder(9.0, 11.0);
    assertThat(same.how())
        .isEqualTo(
            "3 of the test's pods (the first to get a sandbox, spread over the nodes) ping the"
                + " node's control pod from their own namespace every 10 ms from RunPodSandbox's"
                + " return, while netmark probes them: that return to the send time of the first"
                + " answered echo; starting ping took 2.500 ms at the median (the return to its"
                + " first echo), the floor of this number, of which finding the pod's namespace (the"
                + " shim's verbose status) took 1.500 ms; 1 of 3 answered on ping's first echo (the path"
                + " was up before ping could tell); 1 of 3: no answer in 5 s");
    Baseline service = b.get(1);
    assertThat(service.metric()).isEqualTo("probe_service");
    assertThat(service.samples()).isEmpty();
    assertThat(service.netmark()).containsExactly(20.0);
    assertThat(service.how()).endsWith("; 1 of 1: no control service");
  }

  @Test
  void noSampledPodIsANote() {
    assertThat(ConcurrentBaselines.of(Map.of(), 0, Map.of()))
        .containsExactly(
            new Baseline(
                "probe_same_node",
                "ms",
                List.of(),
                "no netperf pod got a sandbox during the test",
                "raw-concurrent",
                List.of()));
  }
}
