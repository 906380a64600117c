package dev.netmark.engine.measurement.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import dev.netmark.api.Summary.SloViolation;
import dev.netmark.api.Thresholds;
import dev.netmark.engine.kube.PodState;
import dev.netmark.engine.kube.PodState.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PodStartupLatencyTest {
  private static final long T0 = 1_700_000_000_000L;
  private static int uids;

  /** A pod created at T0 whose phases took the given milliseconds (-1: never reached). */
  private static PodState pod(String ns, long toSchedule, long toRun, long toWatch) {
    long scheduled = toSchedule < 0 ? 0 : T0 + toSchedule;
    long running = toRun < 0 ? 0 : scheduled + toRun;
    long watch = toWatch < 0 ? 0 : running + toWatch;
    return new PodState(
        0,
        ++uids,
        ns,
        "p" + uids,
        "node-a",
        watch == 0 ? Phase.PENDING : Phase.RUNNING,
        T0,
        scheduled,
        running,
        T0,
        0,
        watch,
        0);
  }

  /**
   * A pod the watch saw from its creation: first seen at T0 + {@code seen}, bound at {@code bound},
   * Running at {@code run} (ms after T0); the API's timestamps are whole seconds.
   */
  private static PodState watched(long seen, long bound, long run) {
    return new PodState(
        0,
        ++uids,
        "nm-1",
        "w" + uids,
        "node-a",
        Phase.RUNNING,
        T0,
        T0 + 1000 * (bound / 1000),
        T0 + 1000 * (run / 1000),
        T0 + seen,
        T0 + bound,
        T0 + run,
        0);
  }

  private static List<PodState> tenPods() {
    List<PodState> pods = new ArrayList<>();
    // create_to_schedule 1000..10000 ms, schedule_to_run 100..1000, run_to_watch 10..100.
    for (int i = 1; i <= 10; i++) {
      pods.add(pod(i % 2 == 0 ? "nm-1" : "nm-2", 1000L * i, 100L * i, 10L * i));
    }
    pods.add(pod("nm-1", 500, -1, -1)); // scheduled, never ran: counted, no sample
    pods.add(pod("other", 1, 1, 1)); // not a test namespace
    return pods;
  }

  private static Map<String, Map<String, Double>> byMetric(Summary s) {
    return s.dataItems().stream()
        .collect(Collectors.toMap(i -> i.labels().get("Metric"), DataItem::data));
  }

  @Test
  void percentilesOfEachPhaseOverPodsInTheTestNamespaces() {
    Summary s =
        PodStartupLatency.summarize(
            tenPods(), Set.of("nm-1", "nm-2"), Thresholds.parse(Params.of(Map.of()), List.of()));
    assertThat(s.name()).isEqualTo("PodStartupLatency");
    Map<String, Map<String, Double>> m = byMetric(s);
    assertThat(m.get("create_to_schedule"))
        .isEqualTo(Map.of("Perc50", 5000.0, "Perc90", 9000.0, "Perc99", 10000.0));
    assertThat(m.get("schedule_to_run"))
        .isEqualTo(Map.of("Perc50", 500.0, "Perc90", 900.0, "Perc99", 1000.0));
    assertThat(m.get("run_to_watch"))
        .isEqualTo(Map.of("Perc50", 50.0, "Perc90", 90.0, "Perc99", 100.0));
    // create_to_running = 1110 * i
    assertThat(m.get("create_to_running"))
        .isEqualTo(Map.of("Perc50", 5550.0, "Perc90", 9990.0, "Perc99", 11100.0));
    assertThat(s.dataItems()).allMatch(i -> i.unit().equals("ms"));
    assertThat(s.notes().getFirst())
        .isEqualTo("10 of 11 pods in the test's namespaces were seen running");
    assertThat(s.violations()).isEmpty();
  }

  @Test
  void watchTimesGiveMillisecondsAndTheApiOnlyFillsIn() {
    List<PodState> pods =
        List.of(
            watched(5, 245, 1337),
            watched(3, 412, 2019),
            watched(4, 120, 870),
            // First seen already bound and Running (the watch started late): API timestamps.
            watched(2000, 2000, 2000));
    Summary s =
        PodStartupLatency.summarize(
            pods, Set.of("nm-1"), Thresholds.parse(Params.of(Map.of()), List.of()));
    Map<String, Map<String, Double>> m = byMetric(s);
    // create_to_schedule: 240, 409, 116 from the watch; the late pod's API 0 s -> 2 s gives 2000.
    // Sorted 116 240 409 2000: P50 = 2nd = 240, P90 = P99 = 2000.
    assertThat(m.get("create_to_schedule"))
        .isEqualTo(Map.of("Perc50", 240.0, "Perc90", 2000.0, "Perc99", 2000.0));
    // schedule_to_run: 1092, 1607, 750 from the watch; the late pod's API 2 s - 2 s = 0.
    assertThat(m.get("schedule_to_run"))
        .isEqualTo(Map.of("Perc50", 750.0, "Perc90", 1607.0, "Perc99", 1607.0));
    // create_to_running: 1332, 2016, 866; the late pod: creationTimestamp T0 to 2000 ms; sorted
    // 866 1332 2000 2016.
    assertThat(m.get("create_to_running"))
        .isEqualTo(Map.of("Perc50", 1332.0, "Perc90", 2016.0, "Perc99", 2016.0));
    assertThat(s.notes())
        .containsExactly(
            "4 of 4 pods in the test's namespaces were seen running",
            "create_to_schedule, schedule_to_run, create_to_running: watch receipt times (ms, this"
                + " machine's clock) of the pod first seen, first seen bound, first seen Running;"
                + " run_to_watch: the container's startedAt (API, whole seconds) to first seen"
                + " Running",
            "3 of 12 phase samples used the API's timestamps (whole seconds): the watch saw the"
                + " pod only after that phase had begun");
  }

  @Test
  void thresholdsGiveViolations() {
    Params gather =
        Params.of(
            Map.of(
                "action",
                "gather",
                "thresholds",
                Map.of("create_to_running", Map.of("Perc99", "10s", "Perc50", "6s"))));
    Summary s =
        PodStartupLatency.summarize(
            tenPods(), Set.of("nm-1", "nm-2"), Thresholds.parse(gather, PodStartupLatency.METRICS));
    assertThat(s.violations())
        .containsExactly(new SloViolation("create_to_running", "Perc99", 10000, 11100, "ms"));
  }

  @Test
  void noRunningPodsNoItems() {
    Summary s =
        PodStartupLatency.summarize(
            List.of(pod("nm-1", 5, -1, -1)),
            Set.of("nm-1"),
            Thresholds.parse(Params.of(Map.of()), List.of()));
    assertThat(s.dataItems()).isEmpty();
    assertThat(s.notes().getFirst())
        .isEqualTo("0 of 1 pods in the test's namespaces were seen running");
  }

  @Test
  void gatherWaitsNinetySecondsForRunningPodsUnlessToldOtherwise() {
    assertThat(PodStartupLatency.runningWait(Params.of(Map.of("action", "gather"))))
        .isEqualTo(java.time.Duration.ofSeconds(90));
    assertThat(PodStartupLatency.runningWait(Params.of(Map.of("action", "gather", "timeout", "0"))))
        .isZero();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> PodStartupLatency.runningWait(Params.of(Map.of("timeout", "soon"))))
        .hasMessageStartingWith("params.timeout: expected a duration");
  }
}
