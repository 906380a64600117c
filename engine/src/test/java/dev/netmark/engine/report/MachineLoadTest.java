package dev.netmark.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.Baseline;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachineLoadTest {
  // A reference of the ADDs timed while the measured pods were created, as local mode reports it.
  private static Baseline machine(Double... ms) {
    return new Baseline(
        "machine_add",
        "ms",
        List.of(ms),
        "bare ADDs; 5 of 9 " + Baseline.MACHINE_WHILE_MEASURED,
        Baseline.MACHINE,
        List.of());
  }

  private static Baseline rawAdd(Double... ms) {
    return new Baseline("cni_add", "ms", List.of(ms), "after the test");
  }

  @Test
  void aMachineManyTimesSlowerThanIdleIsCalledSaturatedWithWhatToDo() {
    String note =
        MachineLoad.note(
                List.of(rawAdd(50.0, 57.0, 60.0), machine(700.0, 720.0, 762.0, 800.0, 900.0)))
            .orElseThrow();
    assertThat(note)
        .startsWith(
            "machine SATURATED: machine_add Perc50 762.000 ms while the measured pods were"
                + " created, 13.4 times the raw cni_add Perc50 (57.000 ms,")
        .contains("include waiting for the machine's cores")
        .contains("POD_QPS");
  }

  @Test
  void aMachineThatKeptUpIsOnlyMeasured() {
    String note =
        MachineLoad.note(List.of(machine(50.0, 55.0, 60.0, 65.0, 70.0), rawAdd(57.0)))
            .orElseThrow();
    assertThat(note)
        .isEqualTo(
            "machine load: machine_add Perc50 60.000 ms while the measured pods were created, 1.1"
                + " times the raw cni_add Perc50 (57.000 ms, the node's whole chain after the test"
                + " on the idle machine)");
  }

  @Test
  void threeTimesIsSaturated() {
    assertThat(MachineLoad.note(List.of(fiveOf(150.0), rawAdd(50.0))).orElseThrow())
        .startsWith("machine SATURATED");
    assertThat(MachineLoad.note(List.of(fiveOf(149.0), rawAdd(50.0))).orElseThrow())
        .startsWith("machine load");
  }

  @Test
  void aReferenceOfEveryAddOfTheRunSaysItCanUnderstate() {
    // Too few ADDs fell while the pods were created, so every ADD of the run was kept: mostly the
    // quieter machine before and after them.
    Baseline wholeRun =
        new Baseline(
            "machine_add",
            "ms",
            List.of(60.0, 70.0, 80.0, 90.0, 700.0),
            "bare ADDs; all 5 kept (fewer than 5 were timed while the measured pods got their"
                + " sandboxes)",
            Baseline.MACHINE,
            List.of());
    List<Baseline> baselines = List.of(wholeRun, rawAdd(50.0));
    assertThat(MachineLoad.note(baselines).orElseThrow())
        .isEqualTo(
            "machine load: machine_add Perc50 80.000 ms over the whole run (too few ADDs fell while"
                + " the measured pods were created), 1.6 times the raw cni_add Perc50 (50.000 ms,"
                + " the node's whole chain after the test on the idle machine); it can understate"
                + " the load the measured pods met");
    assertThat(MachineLoad.warning(baselines)).isEmpty();
    // Saturated even so: said as for any reference, as the pods met at least that.
    List<Baseline> slow = List.of(wholeRun, rawAdd(20.0));
    assertThat(MachineLoad.note(slow).orElseThrow())
        .startsWith("machine SATURATED: machine_add Perc50 80.000 ms over the whole run");
    assertThat(MachineLoad.warning(slow)).isPresent();
  }

  private static Baseline fiveOf(double ms) {
    return machine(ms, ms, ms, ms, ms);
  }

  @Test
  void noNoteWithoutBothNumbers() {
    assertThat(MachineLoad.note(List.of(machine(700.0)))).isEmpty();
    assertThat(MachineLoad.note(List.of(rawAdd(50.0)))).isEmpty();
    assertThat(MachineLoad.note(List.of(machine(700.0), rawAdd()))).isEmpty();
    assertThat(MachineLoad.note(List.of(machine(), rawAdd(50.0)))).isEmpty();
    // A raw number of another metric is not the chain's ADD.
    assertThat(
            MachineLoad.note(
                List.of(machine(700.0), new Baseline("probe_same_node", "ms", List.of(3.0), "p"))))
        .isEmpty();
    // A raw ADD measured concurrently, or in another unit, is not the idle machine's.
    assertThat(
            MachineLoad.note(
                List.of(
                    machine(700.0),
                    new Baseline(
                        "cni_add", "ms", List.of(50.0), "c", Baseline.RAW_CONCURRENT, List.of()),
                    new Baseline("cni_add", "s", List.of(0.05), "s"))))
        .isEmpty();
  }

  @Test
  void theNoteEndsTheRawBaselineSummary() {
    var s =
        BaselineSummary.of(List.of(rawAdd(50.0, 57.0, 60.0), fiveOf(700.0)), List.of())
            .orElseThrow();
    assertThat(s.notes().getLast()).startsWith("machine SATURATED: machine_add Perc50 700.000 ms");
  }
}
