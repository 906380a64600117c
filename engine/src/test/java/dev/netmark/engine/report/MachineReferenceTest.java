package dev.netmark.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.Baseline;
import dev.netmark.api.Summary;
import dev.netmark.engine.config.NamespaceSpec;
import dev.netmark.engine.config.TestConfig;
import dev.netmark.engine.report.write.ReportWriter;
import dev.netmark.engine.step.RunResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine reference in a run's report: its data file and its place in RawBaseline. */
class MachineReferenceTest {
  private static final Baseline MACHINE =
      new Baseline(
          "machine_add",
          "ms",
          List.of(120.0, 95.5, 130.0),
          "bare ADD",
          Baseline.MACHINE,
          List.of());
  private static final Baseline RAW = new Baseline("cni_add", "ms", List.of(40.0), "raw");

  @Test
  void theReportKeepsTheMachineReferenceAsADataFileCompareReads(@TempDir Path dir) {
    TestConfig config =
        new TestConfig(
            "demo",
            new NamespaceSpec(1, "nm", true),
            List.of(),
            List.of(),
            Path.of("demo.yaml"),
            "name: demo\n");
    RunReport report =
        new RunReport(
            config,
            "name: demo\n",
            new RunResult("demo", Instant.parse("2026-03-04T05:06:07Z"), List.of(), List.of()),
            List.of(),
            List.of(),
            List.of(),
            null,
            List.of(RAW, MACHINE),
            List.of());

    List<Path> files = ReportWriter.write(dir, report);

    assertThat(files).contains(dir.resolve(MachineReference.FILE));
    MachineReference read = MachineReference.read(dir).orElseThrow();
    assertThat(read.metric()).isEqualTo("machine_add");
    assertThat(read.unit()).isEqualTo("ms");
    assertThat(read.how()).isEqualTo("bare ADD");
    assertThat(read.values()).containsExactly(120.0, 95.5, 130.0);
  }

  @Test
  void aRunWithoutAMachineBaselineHasNoReference(@TempDir Path dir) {
    assertThat(MachineReference.of(List.of(RAW))).isEmpty();
    assertThat(
            MachineReference.of(
                List.of(
                    new Baseline(
                        "machine_add",
                        "ms",
                        List.of(),
                        "no bare ADD timed",
                        Baseline.MACHINE,
                        List.of()))))
        .isEmpty();
    assertThat(MachineReference.read(dir)).isEmpty();
  }

  @Test
  void theReferenceStandsAloneInRawBaseline() {
    Summary s = BaselineSummary.of(List.of(MACHINE), List.of()).orElseThrow();
    assertThat(s.dataItems()).hasSize(1);
    assertThat(s.dataItems().getFirst().labels())
        .containsEntry("Metric", "machine_add")
        .containsEntry("Side", "machine");
    assertThat(s.dataItems().getFirst().data()).containsEntry("Perc50", 120.0);
    // No "no netmark number in this run" note: the machine's speed stands beside nothing.
    assertThat(s.notes()).containsExactly("machine machine_add: bare ADD");
  }
}
