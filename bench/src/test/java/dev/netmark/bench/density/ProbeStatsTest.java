package dev.netmark.bench.density;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeStatsTest {
  private static PodEvent event(EventKind kind, String uid, Map<String, Double> seconds) {
    return new PodEvent(
        0, kind, "n1", "ns", "p-" + uid, uid, "10.0.0.1", 1, 0, seconds, null, null);
  }

  /** Pod i: same_node sent at i ms, read 1 ms after arrival; service sent at 10*i ms. */
  private static List<PodEvent> pods(int n) {
    List<PodEvent> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      String uid = "u" + i;
      out.add(
          event(
              EventKind.PROBE,
              uid,
              Map.of(
                  "probe_same_node", i / 1000.0,
                  "probe_same_node_arrival", (i + 0.5) / 1000.0,
                  "probe_same_node_read", (i + 1.5) / 1000.0)));
      out.add(event(EventKind.PROBE, uid, Map.of("probe_service", 10 * i / 1000.0)));
      out.add(
          event(EventKind.NETWORK_READY, uid, Map.of("network_ready", 1.0, "probe_wait", 0.0001)));
    }
    return out;
  }

  @Test
  void percentilesPerClassByNearestRankAndTheWorstClassIsTheHighestP99() {
    ProbeStats s = ProbeStats.of(pods(100));

    assertThat(s.readyPods()).isEqualTo(100);
    assertThat(s.byClass().keySet()).containsExactly("same_node", "service");
    assertThat(s.byClass().get("same_node").p50()).isEqualTo(50.0, within());
    assertThat(s.byClass().get("same_node").p99()).isEqualTo(99.0, within());
    assertThat(s.byClass().get("service").p99()).isEqualTo(990.0, within());
    assertThat(s.worstClass()).isEqualTo("service");
    assertThat(s.worstP50()).isEqualTo(500.0, within());
    assertThat(s.probeWait().p99()).isEqualTo(0.1, within());
    assertThat(s.proberDelay().p50()).isEqualTo(1.0, within());
    assertThat(s.proberDelay().n()).isEqualTo(100);
    assertThat(s.afterWait().get("same_node").p50()).isEqualTo(49.9, within());
  }

  @Test
  void theTailOfAClassSplitsItsNumberIntoWaitTimeUntilDueAndLateness() {
    List<PodEvent> events = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      String uid = "u" + i;
      // Pod 100: 40 ms wait, its 3rd attempt sent at 90 ms, 20 ms late.
      // Pod 99: answered on its first attempt, sent 30 ms late after a 60 ms wait.
      Map<String, Double> s =
          switch (i) {
            case 100 ->
                Map.of(
                    "probe_same_node", 0.090,
                    "probe_same_node_first", 0.050,
                    "probe_same_node_unanswered", 2.0,
                    "probe_same_node_late", 0.020);
            case 99 ->
                Map.of(
                    "probe_same_node", 0.090,
                    "probe_same_node_first", 0.060,
                    "probe_same_node_unanswered", 0.0,
                    "probe_same_node_late", 0.030);
            default -> Map.of("probe_same_node", 0.001);
          };
      events.add(event(EventKind.PROBE, uid, s));
      double wait = i == 100 ? 0.040 : i == 99 ? 0.060 : 0.0;
      events.add(
          event(EventKind.NETWORK_READY, uid, Map.of("network_ready", 1.0, "probe_wait", wait)));
    }

    ProbeStats.Tail t = ProbeStats.of(events).tails().get("same_node");

    assertThat(t.pods()).isEqualTo(2);
    assertThat(t.firstAttempt()).isEqualTo(1);
    // Pod 100: 40 + 30 (two unanswered attempts) + 20; pod 99: 60 + 0 + 30.
    assertThat(t.waitMs()).isEqualTo(50.0, within());
    assertThat(t.untilDueMs()).isEqualTo(15.0, within());
    assertThat(t.lateMs()).isEqualTo(25.0, within());
  }

  @Test
  void aPodThatNeverBecameReadyIsLeftOutAndAPodsFirstValueCounts() {
    List<PodEvent> events = new ArrayList<>(pods(1));
    events.add(event(EventKind.PROBE, "u1", Map.of("probe_service", 5.0)));
    events.add(event(EventKind.PROBE, "u2", Map.of("probe_service", 7.0)));

    ProbeStats s = ProbeStats.of(events);

    assertThat(s.readyPods()).isEqualTo(1);
    assertThat(s.byClass().get("service").n()).isEqualTo(1);
    assertThat(s.byClass().get("service").p99()).isEqualTo(10.0, within());
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
