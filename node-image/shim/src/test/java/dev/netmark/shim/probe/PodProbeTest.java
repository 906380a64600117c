package dev.netmark.shim.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.shim.metrics.PodRecorder;
import dev.netmark.shim.metrics.ShimMetrics;
import dev.netmark.shim.records.PodRef;
import dev.netmark.shim.records.RecordLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a pod's classes are dated from its checks' answers (docs/design.md, "Readiness probes"). */
class PodProbeTest {
  private static final long MS = 1_000_000L;
  private static final long ADD_END = 1_000 * MS;
  private static final PodRef POD = new PodRef("ns", "netperf-0", "uid-0");
  @TempDir Path dir;

  private List<PodEvent> run(java.util.function.Consumer<PodProbe> script) {
    return run("10.0.0.9", script);
  }

  private List<PodEvent> run(String ip, java.util.function.Consumer<PodProbe> script) {
    try (RecordLog log = RecordLog.open(dir)) {
      PodRecorder recorder = PodRecorder.open(log, new ShimMetrics(), "node-a");
      // The first ADD attempt started 40 ms before the successful one ended.
      PodProbe probe =
          new PodProbe(
              new ProbeRequest(POD, Path.of("/run/netns/x"), ip, 2, ADD_END - 40 * MS, ADD_END),
              recorder,
              Runnable::run);
      probe.started(ADD_END + MS);
      script.accept(probe);
      List<PodEvent> events = new ArrayList<>();
      log.replay(events::add);
      return events;
    }
  }

  @Test
  void aClassIsDatedByTheLatestSendTimeOfItsChecksWhateverOrderTheyAnswerIn() {
    List<PodEvent> events =
        run(
            p -> {
              p.plan(Map.of("remote_node", 2, "same_node", 1));
              // The attempt sent later is answered first.
              p.checkSucceeded(
                  "remote_node", ADD_END + 9 * MS, ADD_END + 10 * MS, ADD_END + 11 * MS);
              p.checkSucceeded(
                  "remote_node", ADD_END + 5 * MS, ADD_END + 12 * MS, ADD_END + 13 * MS);
              p.checkSucceeded("same_node", ADD_END + 2 * MS, ADD_END + 3 * MS, ADD_END + 4 * MS);
            });
    assertThat(events)
        .extracting(PodEvent::kind)
        .containsExactly(EventKind.PROBE, EventKind.PROBE, EventKind.NETWORK_READY);
    assertThat(events.get(0).seconds())
        .containsEntry("probe_remote_node", 0.009)
        .containsEntry("probe_remote_node_arrival", 0.012)
        .containsEntry("probe_remote_node_read", 0.013);
    // From the first attempt's start (40 ms before ADD end) to the last send time (9 ms after).
    assertThat(events.get(2).seconds())
        .containsEntry("network_ready", 0.049)
        .containsEntry("probe_wait", 0.001);
  }

  @Test
  void aClassKeepsTheAttemptDetailsOfTheCheckThatDatesIt() {
    List<PodEvent> events =
        run(
            p -> {
              p.plan(Map.of("remote_node", 2));
              // Check b went out later (after 3 unanswered attempts, 3 ms late) and dates the
              // class; check a
              // was answered on its first attempt but read last.
              p.checkSucceeded(
                  "remote_node",
                  new CheckAnswer(
                      ADD_END + 40 * MS,
                      ADD_END + 41 * MS,
                      ADD_END + 42 * MS,
                      ADD_END + 2 * MS,
                      3,
                      3 * MS));
              p.checkSucceeded(
                  "remote_node",
                  new CheckAnswer(
                      ADD_END + 5 * MS,
                      ADD_END + 50 * MS,
                      ADD_END + 60 * MS,
                      ADD_END + 5 * MS,
                      0,
                      0));
            });
    assertThat(events.get(0).seconds())
        .containsEntry("probe_remote_node", 0.04)
        .containsEntry("probe_remote_node_arrival", 0.05)
        .containsEntry("probe_remote_node_read", 0.06)
        .containsEntry("probe_remote_node_first", 0.002)
        .containsEntry("probe_remote_node_unanswered", 3.0)
        .containsEntry("probe_remote_node_late", 0.003);
  }

  @Test
  void anAnswerReadAfterALongPauseStillDatesTheClassAtItsSendTime() {
    List<PodEvent> events =
        run(
            p -> {
              p.plan(Map.of("same_node", 1));
              p.checkSucceeded("same_node", ADD_END + 3 * MS, ADD_END + 4 * MS, ADD_END + 900 * MS);
            });
    assertThat(events.get(0).seconds())
        .containsEntry("probe_same_node", 0.003)
        .containsEntry("probe_same_node_read", 0.9);
    assertThat(events.get(1).seconds()).containsEntry("network_ready", 0.043);
  }

  @Test
  void aDuplicateAnswerOrAFailureAfterSuccessRecordsNothingMore() {
    List<PodEvent> events =
        run(
            p -> {
              p.plan(Map.of("same_node", 1, "service", 1));
              p.checkSucceeded("same_node", ADD_END + MS, ADD_END + MS, ADD_END + MS);
              p.checkSucceeded("same_node", ADD_END + 2 * MS, ADD_END + 2 * MS, ADD_END + 2 * MS);
              p.checkFailed("same_node", "late failure");
              p.checkFailed("service", "GET http://10.96.0.1:80/ x3 did not succeed");
            });
    assertThat(events)
        .extracting(PodEvent::kind)
        .containsExactly(EventKind.PROBE, EventKind.PROBE_FAILED);
    assertThat(events.get(1).error()).startsWith("service: GET");
    assertThat(events.get(1).seconds()).containsEntry("probe_wait", 0.001);
  }

  @Test
  void recordsHeldUntilTheAddIsRecordedKeepTheirOrder() {
    List<PodEvent> events =
        run(
            p -> {
              p.hold();
              p.plan(Map.of("same_node", 1));
              p.checkSucceeded("same_node", ADD_END + MS, ADD_END + MS, ADD_END + MS);
              assertThat(p.outcome()).isNotDone();
              p.release("10.0.0.9");
              assertThat(p.outcome()).isDone();
            });
    assertThat(events)
        .extracting(PodEvent::kind)
        .containsExactly(EventKind.PROBE, EventKind.NETWORK_READY);
  }

  @Test
  void probesStartedBeforeTheResultWasReadGetThePodsIpWithTheRelease() {
    List<PodEvent> events =
        run(
            null,
            p -> {
              p.hold();
              p.plan(Map.of("same_node", 1));
              p.checkSucceeded("same_node", ADD_END + MS, ADD_END + MS, ADD_END + MS);
              p.release("10.0.0.7");
            });
    assertThat(events).extracting(PodEvent::ip).containsExactly("10.0.0.7", "10.0.0.7");
  }

  @Test
  void nothingIsRecordedAfterACancel() {
    List<Boolean> released = new ArrayList<>();
    List<PodEvent> events =
        run(
            p -> {
              p.plan(Map.of("same_node", 1));
              p.onCancel(() -> released.add(true));
              p.cancel();
              p.checkSucceeded("same_node", ADD_END + MS, ADD_END + MS, ADD_END + MS);
              assertThat(p.outcome().join().cancelled()).isTrue();
            });
    assertThat(events).isEmpty();
    assertThat(released).containsExactly(true);
  }
}
