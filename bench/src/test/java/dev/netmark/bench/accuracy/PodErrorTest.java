package dev.netmark.bench.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.testing.local.delay.DelayTruth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodErrorTest {
  private static PodEvent event(EventKind kind, String uid, long wallMs, Map<String, Double> s) {
    return new PodEvent(0, kind, "n1", "ns", "p-" + uid, uid, "10.0.0.1", 1, wallMs, s, null, null);
  }

  /**
   * Pod a: ADD 1,000,000..1,050,000 µs (the script's last stamp at 1,049,000), hold lifted at
   * 1,200,000; pod b: held, never lifted.
   */
  private static final DelayTruth TRUTH =
      new DelayTruth(
          Map.of(
              "a", new DelayTruth.Add(1_000_000, 1_049_000, 1_050_000, 50, 100),
              "b", new DelayTruth.Add(2_000_000, 2_050_000, 2_050_000, 50, 100)),
          Map.of("a", 1_200_000L),
          Map.of("a", 1_199_000L),
          List.of());

  private static List<PodEvent> measured() {
    return List.of(
        event(EventKind.ADD, "a", 1050, Map.of("cni_add", 0.052)),
        event(EventKind.NETWORK_READY, "a", 1203, Map.of("network_ready", 0.203)),
        event(EventKind.ADD, "b", 2050, Map.of("cni_add", 0.052)),
        event(EventKind.NETWORK_READY, "b", 2203, Map.of("network_ready", 0.203)));
  }

  @Test
  void aPodWhoseHoldWasNeverSeenLiftedIsSkippedAndNamedWhileTheOthersArePaired() {
    PodError.Paired p = PodError.pair(List.of("a", "b", "c"), measured(), TRUTH);

    assertThat(p.errors()).extracting(PodError::uid).containsExactly("a");
    assertThat(p.errors().getFirst().cniAddError()).isCloseTo(2.0, within(1e-9));
    assertThat(p.errors().getFirst().networkReadyError()).isCloseTo(3.0, within(1e-9));
    assertThat(p.skipped())
        .containsExactly(
            "b (no truth of the hold's lifting)",
            "c (no ADD record) (no NETWORK_READY record) (no ADD truth)");
  }

  @Test
  void gapsAreCountedFromTheAddRecordAndOnlyFromEachClasssOwnNumber() {
    // ADD record at 1052 ms: ADD start 1000 ms; same_node sent 160 ms after ADD end (1212 ms),
    // its answer read much later, which must not count; the datapath came back at 1200 ms.
    List<PodEvent> events =
        List.of(
            event(EventKind.ADD, "a", 1052, Map.of("cni_add", 0.052)),
            event(
                EventKind.PROBE,
                "a",
                2000,
                Map.of(
                    "probe_same_node", 0.160,
                    "probe_same_node_arrival", 0.900,
                    "probe_same_node_read", 0.940)),
            event(EventKind.NETWORK_READY, "a", 2001, Map.of("network_ready", 0.212)));

    PodError a = PodError.pair(List.of("a"), events, TRUTH).errors().getFirst();

    assertThat(a.startGap()).isCloseTo(0.0, within(1e-9));
    // From the script's exit (1050 ms), not its last stamp (1049 ms): that ms is the script's tail.
    assertThat(a.exitGap()).isCloseTo(2.0, within(1e-9));
    assertThat(a.tail()).isCloseTo(1.0, within(1e-9));
    assertThat(a.readyGap()).isCloseTo(12.0, within(1e-9));
    assertThat(a.probeGaps()).containsOnlyKeys("probe_same_node");
    assertThat(a.probeGaps().get("probe_same_node")).isCloseTo(12.0, within(1e-9));
  }

  @Test
  void aHoldThatCouldNotBeLiftedSaysSo() {
    DelayTruth failed =
        new DelayTruth(TRUTH.adds(), TRUTH.restoredUs(), TRUTH.restoreStartUs(), List.of("b"));

    assertThat(PodError.pair(List.of("b"), measured(), failed).skipped())
        .containsExactly("b (lifting the hold failed)");
  }
}
