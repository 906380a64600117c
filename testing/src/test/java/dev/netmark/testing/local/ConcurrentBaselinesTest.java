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
    // Pod b's service ping (a target that answered, in this made-up case) went out first.
    shots.put(
        "same_node",
        List.of(
            new Shot("a", SAME, 2.0, 2.0, 0.5, null),
            new Shot("b", SAME, 6.0, 3.0, 1.0, null),
            new Shot("c", SAME, Double.NaN, 2.5, 0.25, "no answer in 5 s")));
    shots.put(
        "service",
        List.of(
            new Shot(
                "a",
                RawPingTarget.none("no control service"),
                Double.NaN,
                Double.NaN,
                Double.NaN,
                "no control service"),
            new Shot("b", SAME, 4.0, 0.5, 0.5, null)));
    List<Baseline> b =
        ConcurrentBaselines.of(
            shots,
            3,
            Map.of(
                "a", Map.of("same_node", 9.0, "service", 20.0, "probe_wait", 0.25),
                "b", Map.of("same_node", 11.0)));
    assertThat(b).as("two classes and the floor").hasSize(3);
    Baseline same = b.get(0);
    assertThat(same.metric()).isEqualTo("probe_same_node");
    assertThat(same.side()).isEqualTo("raw-concurrent");
    assertThat(same.samples()).containsExactly(2.0, 6.0);
    assertThat(same.netmark()).containsExactlyInAnyOrder(9.0, 11.0);
    assertThat(same.how())
        .isEqualTo(
            "3 of the test's pods (the first to get a sandbox, spread over the nodes) ping the"
                + " node's control pod from their own namespace every 10 ms from RunPodSandbox's"
                + " return, while netmark probes them, from local mode's resident raw pinger (a raw"
                + " ICMP socket in the pod's namespace, no process started): that return to the"
                + " send time of the first answered echo; the first echo went out 2.500 ms after"
                + " the return at the median, the floor of this number, of which 0.500 ms passed"
                + " before the hand-over to the pinger (on the kubelet stand-in's thread); 1 of 3"
                + " answered on the"
                + " first echo (the path was up before the raw side could tell); 1 of 3: no answer"
                + " in 5 s");
    Baseline service = b.get(1);
    assertThat(service.metric()).isEqualTo("probe_service");
    assertThat(service.samples()).containsExactly(4.0);
    assertThat(service.netmark()).containsExactly(20.0);
    assertThat(service.how()).endsWith("; 1 of 2: no control service");
    Baseline floor = b.get(2);
    assertThat(floor.metric()).isEqualTo("probe_wait");
    assertThat(floor.side()).isEqualTo("raw-concurrent");
    assertThat(floor.samples())
        .as("per pod its earliest first echo: a 2.0; b 0.5 (service) before 3.0; c 2.5")
        .containsExactly(2.0, 0.5, 2.5);
    assertThat(floor.netmark()).as("netmark's probe_wait of the same pods").containsExactly(0.25);
    assertThat(floor.how()).startsWith("the raw side's floor: RunPodSandbox's return to");
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
