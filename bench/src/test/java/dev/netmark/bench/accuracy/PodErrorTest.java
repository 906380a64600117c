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
    PodError.Paired p = PodError.pair(List.of("a", "b", "c"), measured(), TRUTH, new ProcLog());

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

    PodError a = PodError.pair(List.of("a"), events, TRUTH, new ProcLog()).errors().getFirst();

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

    assertThat(PodError.pair(List.of("b"), measured(), failed, new ProcLog()).skipped())
        .containsExactly("b (lifting the hold failed)");
  }

  @Test
  void theKernelsTruthRunsFromTheFrontDoorsCreationToItsExitAndToTheHoldsLifting() {
    // Front door pid 77: stamped its start at wall 1,000,000 µs = mono 5,000.5 ms and its exit at
    // mono 5,050 ms; the kernel saw it created at 4,994.5 ms, exec at 4,998 ms, exit at 5,051 ms.
    // The hold was lifted at wall 1,200,000 µs = mono 5,200.5 ms.
    DelayTruth.FrontDoor door =
        new DelayTruth.FrontDoor(
            77, 5_000_500_000L, 5_050_000_000L, 1_000_000_000L, 5_000_500_000L);
    DelayTruth truth =
        new DelayTruth(
            Map.of(
                "a", new DelayTruth.Add(1_000_000, 1_049_000, 1_050_000, 50, 100, door),
                "b", new DelayTruth.Add(2_000_000, 2_050_000, 2_050_000, 50, 0)),
            Map.of("a", 1_200_000L),
            Map.of("a", 1_199_000L),
            List.of());
    ProcLog procs = new ProcLog();
    procs.add(
        new ProcEvent.Batch(
            List.of(
                new ProcEvent(ProcEvent.Kind.FORK, 4_994_500_000L, 77, 1),
                new ProcEvent(ProcEvent.Kind.EXEC, 4_998_000_000L, 77, 0),
                new ProcEvent(ProcEvent.Kind.EXIT, 5_051_000_000L, 77, 1)),
            0));
    List<PodEvent> events =
        List.of(
            event(EventKind.ADD, "a", 1050, Map.of("cni_add", 0.057)),
            event(EventKind.PROBE, "a", 1300, Map.of("probe_same_node", 0.160)),
            event(EventKind.NETWORK_READY, "a", 1203, Map.of("network_ready", 0.207)),
            event(EventKind.ADD, "b", 2050, Map.of("cni_add", 0.052)),
            event(EventKind.NETWORK_READY, "b", 2203, Map.of("network_ready", 0.052)));

    PodError.Paired p = PodError.pair(List.of("a", "b"), events, truth, procs);

    PodError a = p.errors().getFirst();
    assertThat(a.kernel().cniAddTruth()).isCloseTo(56.5, within(1e-9));
    assertThat(a.kernel().networkReadyTruth()).isCloseTo(206.0, within(1e-9));
    assertThat(a.kernelCniAddError()).isCloseTo(0.5, within(1e-9));
    assertThat(a.kernelNetworkReadyError()).isCloseTo(1.0, within(1e-9));
    assertThat(a.kernel().doorStart()).isCloseTo(6.0, within(1e-9));
    assertThat(a.kernel().doorExit()).isCloseTo(1.0, within(1e-9));
    assertThat(a.kernel().toExec()).isCloseTo(3.5, within(1e-9));
    // same_node's first success was sent 57 + 160 ms after the ADD's start, 11 ms after the
    // datapath came back (206 ms after the front door's creation).
    assertThat(a.kernel().probeGaps()).containsOnlyKeys("probe_same_node");
    assertThat(a.kernel().probeGaps().get("probe_same_node")).isCloseTo(11.0, within(1e-9));
    // The front door's own truth is still there beside it.
    assertThat(a.cniAddError()).isCloseTo(7.0, within(1e-9));
    // b has no front door fields: paired for the old truth, named for the kernel's.
    assertThat(p.errors()).hasSize(2);
    assertThat(p.withKernel()).extracting(PodError::uid).containsExactly("a");
    assertThat(p.kernelMissed()).containsExactly("b (no pid in its truth line)");
    assertThat(PodError.pair(List.of("a"), events, truth, new ProcLog()).kernelMissed())
        .containsExactly("a (no kernel fork and exit of pid 77)");
  }
}
