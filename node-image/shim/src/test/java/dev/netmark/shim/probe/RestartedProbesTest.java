package dev.netmark.shim.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.shim.metrics.PodRecorder;
import dev.netmark.shim.metrics.ProbeTimes;
import dev.netmark.shim.metrics.ShimMetrics;
import dev.netmark.shim.records.PodRef;
import dev.netmark.shim.records.RecordLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartedProbesTest {
  @TempDir Path dir;

  @Test
  void onlyPodsStillProbingGetAFailureNamingTheRestartAndTheirUnansweredClasses() {
    PodRef probing = new PodRef("ns", "p1", "uid-1");
    PodRef ready = new PodRef("ns", "p2", "uid-2");
    PodRef stopped = new PodRef("ns", "p3", "uid-3");
    Duration ms = Duration.ofMillis(1);
    try (RecordLog log = RecordLog.open(dir)) {
      PodRecorder r = PodRecorder.open(log, new ShimMetrics(), "node-a");
      for (PodRef p : List.of(probing, ready, stopped)) {
        r.added(p, "10.0.0.1", 1, ms, ms);
      }
      r.probeSucceeded(probing, "10.0.0.1", 1, "same_node", ProbeTimes.at(ms));
      r.networkReady(ready, "10.0.0.1", 1, ms, ms);
      r.deleted(stopped, "10.0.0.1", 1, ms);
    }
    try (RecordLog log = RecordLog.open(dir)) {
      PodRecorder r = PodRecorder.open(log, new ShimMetrics(), "node-a");
      assertThat(RestartedProbes.failUnsettled(log, r)).containsExactly("uid-1");
      // A second restart finds nothing left to fail.
      assertThat(RestartedProbes.failUnsettled(log, r)).isEmpty();
      List<PodEvent> events = new ArrayList<>();
      log.replay(events::add);
      PodEvent last = events.get(events.size() - 1);
      assertThat(last.kind()).isEqualTo(EventKind.PROBE_FAILED);
      assertThat(last.uid()).isEqualTo("uid-1");
      assertThat(last.error())
          .isEqualTo(
              "remote_node: shim restarted before every probe class was answered (classes"
                  + " without an answer: remote_node, service, external)");
    }
  }
}
