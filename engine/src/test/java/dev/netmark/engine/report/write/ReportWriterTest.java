package dev.netmark.engine.report.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.Baseline;
import dev.netmark.api.Params;
import dev.netmark.api.SampleSet;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import dev.netmark.api.Summary.SloViolation;
import dev.netmark.api.SummaryData;
import dev.netmark.engine.config.MeasurementSpec;
import dev.netmark.engine.config.NamespaceSpec;
import dev.netmark.engine.config.StepSpec;
import dev.netmark.engine.config.TestConfig;
import dev.netmark.engine.measurement.ActionRecord;
import dev.netmark.engine.report.RunReport;
import dev.netmark.engine.report.data.RunFilesReader;
import dev.netmark.engine.step.RunResult;
import dev.netmark.engine.step.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportWriterTest {
  private static final Instant STARTED = Instant.parse("2026-03-04T05:06:07.890Z");

  @TempDir Path dir;

  private static MeasurementSpec spec(String id, String method, String action, int step) {
    return new MeasurementSpec(
        id, method, Params.of(Map.of("action", action)), "steps[" + step + "].measurements[0]");
  }

  private RunReport report() {
    MeasurementSpec start = spec("Pods", "PodStartupLatency", "start", 0);
    MeasurementSpec gather = spec("Pods", "PodStartupLatency", "gather", 2);
    MeasurementSpec timer = spec("Timer", "Timer", "gather", 2);
    TestConfig config =
        new TestConfig(
            "demo <&> test",
            new NamespaceSpec(2, "nm", true),
            List.of(),
            List.of(
                new StepSpec("Start", List.of(), List.of(start), "steps[0]"),
                new StepSpec("Create pods", List.of(), List.of(), "steps[1]"),
                new StepSpec("Gather", List.of(), List.of(gather, timer), "steps[2]"),
                new StepSpec("Never", List.of(), List.of(), "steps[3]")),
            Path.of("demo.yaml"),
            "name: demo\n");
    Summary latency =
        new Summary(
            "PodStartupLatency",
            List.of(
                new DataItem(
                    Map.of("Perc50", 1.5, "Perc90", 2.0, "Perc99", 9.0),
                    "ms",
                    Map.of("Metric", "create_to_running"))),
            List.of(new SloViolation("create_to_running", "Perc99", 5, 9, "ms")),
            List.of("20 pods"));
    Summary timerSummary =
        new Summary(
            "Timer",
            List.of(
                new DataItem(
                    Map.of("Perc50", 7.0, "Perc90", 7.0, "Perc99", 7.0),
                    "ms",
                    Map.of("Metric", "phase"))));
    Summary notesOnly = new Summary("ControlPlane", List.of(), List.of(), List.of("3 pods"));
    RunResult result =
        new RunResult(
            config.name(),
            STARTED,
            List.of(
                new StepResult("Start", Duration.ofMillis(10), List.of(notesOnly), List.of()),
                new StepResult("Create pods", Duration.ofMillis(1500), List.of(), List.of()),
                new StepResult(
                    "Gather",
                    Duration.ofMillis(250),
                    List.of(latency, timerSummary),
                    List.of("Timer/Timer: it broke \u0001 <badly>"))),
            List.of("deleted namespace nm-1"));
    List<ActionRecord> actions =
        List.of(
            new ActionRecord(start, Duration.ofMillis(3), List.of(), null),
            new ActionRecord(gather, Duration.ofMillis(20), List.of(latency), null),
            new ActionRecord(timer, Duration.ofMillis(1), List.of(), "it broke \u0001 <badly>"));
    return new RunReport(
        config, "name: demo\n", result, actions, List.of("deleted namespace nm-1"));
  }

  @Test
  void writesPerfdashJsonPerSummaryWithData() throws Exception {
    List<Path> files = ReportWriter.write(dir, report());
    assertThat(files.stream().map(p -> p.getFileName().toString()))
        .containsExactly(
            "PodStartupLatency_demo-----test_2026-03-04T05:06:07Z.json",
            "Timer_demo-----test_2026-03-04T05:06:07Z.json",
            "junit.xml",
            "rendered-config.yaml",
            "report.html",
            "summary.txt");
    JsonNode json = new JsonMapper().readTree(files.getFirst().toFile());
    assertThat(json.get("version").asString()).isEqualTo("v1");
    JsonNode item = json.get("dataItems").get(0);
    assertThat(item.get("data").get("Perc50").asDouble()).isEqualTo(1.5);
    assertThat(item.get("data").get("Perc90").asDouble()).isEqualTo(2.0);
    assertThat(item.get("data").get("Perc99").asDouble()).isEqualTo(9.0);
    assertThat(item.get("unit").asString()).isEqualTo("ms");
    assertThat(item.get("labels").get("Metric").asString()).isEqualTo("create_to_running");
    assertThat(Files.readString(dir.resolve("rendered-config.yaml"))).isEqualTo("name: demo\n");
  }

  @Test
  void clusterSummariesFollowTheClusterSummaryAndGetTheirOwnPerfdashFile() throws Exception {
    RunReport plain = report();
    Summary proxy =
        new Summary(
            "ServiceProxy",
            List.of(
                new DataItem(
                    Map.of("Perc50", 4.0, "Perc99", 12.0),
                    "ms",
                    Map.of("Metric", "service_programming"))),
            List.of(),
            List.of("7 endpoint changes"));
    RunReport withCluster = withCluster(plain, "node2 is down", List.of(), List.of(proxy));
    assertThat(withCluster.summaries())
        .extracting(Summary::name)
        .containsExactly("ControlPlane", "PodStartupLatency", "Timer", "Cluster", "ServiceProxy");
    List<Path> files = ReportWriter.write(dir, withCluster);
    assertThat(files.stream().map(p -> p.getFileName().toString()))
        .contains("ServiceProxy_demo-----test_2026-03-04T05:06:07Z.json");
    assertThat(Files.readString(dir.resolve("summary.txt")))
        .contains("ServiceProxy:", "service_programming", "Perc99=12.000", "7 endpoint changes");
  }

  @Test
  void aPluginSummaryWithUnderscoresRoundTripsThroughTheWrittenFiles() throws Exception {
    RunReport plain = report();
    // A plugin's measurement, identifier and summary both with _, carrying its per-pod samples.
    MeasurementSpec spec = spec("Pod_Count_1", "PodCount", "gather", 2);
    Summary pods =
        new Summary(
                "Pod_Count",
                List.of(new DataItem(Map.of("Perc50", 2.0), "count", Map.of("Metric", "pods"))))
            .withData(
                new SummaryData(
                    STARTED.toEpochMilli() + 5000,
                    List.of(
                        new SampleSet(Map.of("Metric", "pods"), "count", new double[] {1, 2, 3})),
                    List.of(),
                    List.of()));
    StepResult gather = plain.result().steps().get(2);
    List<StepResult> steps = new java.util.ArrayList<>(plain.result().steps());
    steps.set(
        2,
        new StepResult(
            gather.name(),
            gather.duration(),
            List.of(gather.summaries().get(0), gather.summaries().get(1), pods),
            gather.failures()));
    List<ActionRecord> actions = new java.util.ArrayList<>(plain.actions());
    actions.add(new ActionRecord(spec, Duration.ofMillis(2), List.of(pods), null));
    RunReport report =
        new RunReport(
            plain.config(),
            plain.renderedConfig(),
            new RunResult(plain.config().name(), STARTED, steps, List.of()),
            actions,
            List.of());

    ReportWriter.write(dir, report);
    List<Summary> read = RunFilesReader.read(dir);

    assertThat(dir.resolve("Pod_Count_demo-----test_2026-03-04T05:06:07Z.json")).exists();
    assertThat(
            dir.resolve(
                "data/Pod_Count_samples_demo-----test_"
                    + (STARTED.toEpochMilli() + 5000)
                    + ".json"))
        .exists();
    assertThat(read)
        .extracting(Summary::name)
        .containsExactly("PodStartupLatency", "Pod_Count", "Timer");
    Summary back = read.get(1);
    assertThat(back.dataItems()).isEqualTo(pods.dataItems());
    assertThat(back.data().samples().getFirst().labels()).isEqualTo(Map.of("Metric", "pods"));
    assertThat(back.data().samples().getFirst().values()).containsExactly(1, 2, 3);
    // The page drew the CDF from the model.
    assertThat(Files.readString(dir.resolve("report.html")))
        .contains("<h2>Pod_Count</h2>")
        .contains("<h3>CDF of per-pod samples, count</h3>");
  }

  @Test
  void junitHasOneTestcasePerStepAndActionWithFailures() throws Exception {
    ReportWriter.write(dir, report());
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(dir.resolve("junit.xml").toFile());
    Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("name")).isEqualTo("demo <&> test");
    assertThat(suite.getAttribute("tests")).isEqualTo("6");
    assertThat(suite.getAttribute("failures")).isEqualTo("3");
    assertThat(suite.getAttribute("time")).isEqualTo("1.760");
    NodeList cases = doc.getElementsByTagName("testcase");
    List<String> names =
        java.util.stream.IntStream.range(0, cases.getLength())
            .mapToObj(i -> ((Element) cases.item(i)).getAttribute("name"))
            .toList();
    assertThat(names)
        .containsExactly(
            "Start",
            "Start / PodStartupLatency/Pods start",
            "Create pods",
            "Gather",
            "Gather / PodStartupLatency/Pods gather",
            "Gather / Timer/Timer gather");
    Element slo = failure(cases, 4);
    assertThat(slo.getAttribute("type")).isEqualTo("SloViolation");
    assertThat(slo.getTextContent())
        .isEqualTo(
            "PodStartupLatency: create_to_running Perc99 = 9.000 ms exceeds the threshold 5.000"
                + " ms");
    Element error = failure(cases, 5);
    assertThat(error.getAttribute("type")).isEqualTo("error");
    assertThat(error.getAttribute("message")).isEqualTo("it broke ? <badly>");
    assertThat(failure(cases, 3).getAttribute("message"))
        .isEqualTo("Timer/Timer: it broke ? <badly>");
    assertThat(((Element) cases.item(0)).getElementsByTagName("failure").getLength()).isZero();
  }

  @Test
  void summaryTextHasItemsNotesViolationsCleanupAndVerdict() throws Exception {
    ReportWriter.write(dir, report());
    String text = Files.readString(dir.resolve("summary.txt"));
    assertThat(text)
        .contains("  ok    1. Start (0.010s)")
        .contains("  FAIL  3. Gather (0.250s)")
        .contains("1 step(s) not run after the failure")
        .contains("create_to_running        Perc50=1.500 Perc90=2.000 Perc99=9.000 ms")
        .contains("  note: 3 pods")
        .contains("  SLO VIOLATION: create_to_running Perc99 = 9.000 ms exceeds the threshold")
        .contains("Cleanup:\n  deleted namespace nm-1")
        .endsWith(
            "Verdict: FAIL (1 step(s) failed, 1 SLO violation(s)): PodStartupLatency"
                + " create_to_running Perc99 = 9.000 ms exceeds the threshold 5.000 ms\n");
  }

  @Test
  void aRunOnASaturatedMachineGetsAWarningUnderItsVerdict() throws Exception {
    RunReport plain = report();
    List<Baseline> baselines =
        List.of(
            new Baseline("cni_add", "ms", List.of(50.0, 57.0, 60.0), "after the test"),
            new Baseline(
                "machine_add",
                "ms",
                List.of(700.0, 700.0, 700.0, 762.0, 762.0),
                "bare; " + Baseline.MACHINE_WHILE_MEASURED,
                Baseline.MACHINE,
                List.of()));
    ReportWriter.write(dir, withCluster(plain, null, baselines, List.of()));
    assertThat(Files.readString(dir.resolve("summary.txt")))
        .contains(
            "threshold 5.000 ms\nWarning: the machine was saturated while the measured pods were"
                + " created (its reference ADD 12.3 times its idle one, see RawBaseline): the"
                + " latencies include waiting for its cores\n")
        .contains("note: machine SATURATED: machine_add Perc50 700.000 ms");
    // A machine that kept up: the note, and nothing under the verdict.
    ReportWriter.write(
        dir, withCluster(plain, null, List.of(baselines.getFirst(), machine(60.0)), List.of()));
    assertThat(Files.readString(dir.resolve("summary.txt")))
        .contains("note: machine load: machine_add Perc50 60.000 ms")
        .doesNotContain("Warning")
        .endsWith("exceeds the threshold 5.000 ms\n");
  }

  /** {@code plain} with what a cluster reports beside the steps. */
  private static RunReport withCluster(
      RunReport plain, String failure, List<Baseline> baselines, List<Summary> summaries) {
    return new RunReport(
        plain.config(),
        plain.renderedConfig(),
        plain.result(),
        plain.actions(),
        plain.cleanup(),
        List.of(),
        failure,
        baselines,
        summaries);
  }

  private static Baseline machine(double ms) {
    return new Baseline("machine_add", "ms", List.of(ms), "bare", Baseline.MACHINE, List.of());
  }

  private static Element failure(NodeList cases, int index) {
    return (Element) ((Element) cases.item(index)).getElementsByTagName("failure").item(0);
  }
}
