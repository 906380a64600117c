package dev.netmark.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.MeasurementFactory;
import dev.netmark.fixtures.MockApiServer;
import io.fabric8.kubernetes.api.model.Namespace;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code netmark run} end to end against fabric8's mock API server: a config creates pods in two
 * namespaces from a template, times them, gathers PodStartupLatency, writes the reports and deletes
 * its namespaces. A kubelet stand-in marks the pods running with known timestamps.
 */
class NetmarkRunIT {
  private static final Path CONFIG = Path.of("src/test/resources/cli/e2e/config.yaml");
  private static final List<String> PODS =
      Stream.of("e2e-1", "e2e-2")
          .flatMap(ns -> IntStream.range(0, 3).mapToObj(i -> ns + "/netperf-pod-" + i))
          .toList();

  @TempDir Path dir;
  private MockApiServer api;
  private FakeKubelet kubelet;
  private Path kubeconfig;
  private Path pluginDir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void setUp() throws Exception {
    api = MockApiServer.start();
    // The CLI builds its own client from the kubeconfig; give it the same patience with the mock.
    System.setProperty(
        "kubernetes.request.timeout", Integer.toString(MockApiServer.REQUEST_TIMEOUT_MS));
    kubeconfig = Files.writeString(dir.resolve("kubeconfig.yaml"), api.kubeconfig());
    pluginDir = Files.createDirectory(dir.resolve("plugins"));
    try (OutputStream file = Files.newOutputStream(pluginDir.resolve("await.jar"));
        JarOutputStream jar = new JarOutputStream(file)) {
      jar.putNextEntry(new JarEntry("META-INF/services/" + MeasurementFactory.class.getName()));
      jar.write((AwaitRunningFactory.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    }
    CountDownLatch running = new CountDownLatch(PODS.size());
    AwaitRunningFactory.running = running;
    kubelet = new FakeKubelet(api.client(), running);
  }

  @AfterEach
  void tearDown() {
    kubelet.close();
    api.close();
  }

  private int run(Path reports, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run", CONFIG.toString(),
                "--kubeconfig", kubeconfig.toString(),
                "--plugin-dir", pluginDir.toString(),
                "--report-dir", reports.toString()));
    args.addAll(List.of(extra));
    return NetmarkCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args.toArray(String[]::new));
  }

  @Test
  void runsTheConfigWritesReportsAndCleansUp() throws Exception {
    Path reports = dir.resolve("reports");
    int code = run(reports);

    assertThat(code).as("stdout:%n%s%nstderr:%n%s", out, err).isZero();
    assertThat(kubelet.seen()).containsExactlyInAnyOrderElementsOf(PODS);
    assertThat(api.client().namespaces().list().getItems())
        .extracting(Namespace::getMetadata)
        .extracting(m -> m.getName())
        .doesNotContain("e2e-1", "e2e-2");

    JsonNode startup = perfdash(reports, "PodStartupLatency");
    // Watch receipt times: binding comes with the first update, Running the injected delay later.
    assertThat(item(startup, "create_to_schedule").get("Perc99").asDouble()).isNotNegative();
    assertThat(item(startup, "schedule_to_run").get("Perc50").asDouble())
        .isGreaterThanOrEqualTo(FakeKubelet.RUN_DELAY_MS);
    assertThat(item(startup, "create_to_running").has("Perc50")).isTrue();
    JsonNode timer = perfdash(reports, "Timer");
    assertThat(timer.get("dataItems").get(0).get("labels").get("Metric").asString())
        .isEqualTo("create-and-run");
    assertThat(timer.get("dataItems").get(0).get("data").get("Perc99").asDouble()).isPositive();

    assertThat(testcaseNames(reports))
        .containsExactly(
            "Start measurements",
            "Start measurements / PodStartupLatency/Startup start",
            "Start measurements / Timer/Timer start",
            "Create pods",
            "Pods running",
            "Pods running / AwaitRunning/Running wait",
            "Stop timer",
            "Stop timer / Timer/Timer stop",
            "step 5",
            "step 5 / Sleep/Sleep sleep",
            "Gather",
            "Gather / PodStartupLatency/Startup gather",
            "Gather / Timer/Timer gather")
        .as("junit.xml testcases");
    assertThat(Files.readString(reports.resolve("rendered-config.yaml")))
        .contains("thresholds: {schedule_to_run: {Perc99: 10s}}");
    String summary = Files.readString(reports.resolve("summary.txt"));
    assertThat(summary).contains("6 of 6 pods in the test's namespaces were seen running");
    assertThat(summary).endsWith("Verdict: PASS\n");
    // Standard output is not a terminal here: the create phase's progress as one plain line, then
    // summary.txt and where the reports are.
    assertThat(out.toString())
        .startsWith("steps[1].createPods (config.yaml:20): 6/6 objects created, ")
        .contains("\n" + summary + "Reports: " + reports.toAbsolutePath());
    assertThat(out.toString().lines().filter(l -> l.startsWith("steps["))).hasSize(1);
    // As in CI: no cursor movement, no line clearing, no colour; only line ends.
    assertThat(out.toString().chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
    assertThat(err.toString().chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
  }

  @Test
  void aBreachedThresholdExitsOneAndIsAFailureInJunit() throws Exception {
    Path reports = dir.resolve("strict");
    int code = run(reports, "--set", "RunLimit=250ms");

    assertThat(code).as("stderr: %s", err).isEqualTo(1);
    assertThat(out.toString())
        .containsPattern(
            "SLO VIOLATION: schedule_to_run Perc99 = [0-9.]+ ms exceeds the threshold 250.000 ms")
        .contains("Verdict: FAIL (0 step(s) failed, 1 SLO violation(s))");
    Document junit = junit(reports);
    Element suite = (Element) junit.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(api.client().namespaces().withName("e2e-1").get()).isNull();
  }

  static JsonNode perfdash(Path reports, String summary) throws Exception {
    try (Stream<Path> files = Files.list(reports)) {
      List<Path> matching =
          files
              .filter(
                  p ->
                      p.getFileName()
                          .toString()
                          .matches(
                              summary + "_e2e_\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\.json"))
              .toList();
      assertThat(matching).as("perfdash files of %s", summary).hasSize(1);
      JsonNode json = new JsonMapper().readTree(matching.getFirst().toFile());
      assertThat(json.get("version").asString()).isEqualTo("v1");
      return json;
    }
  }

  private static JsonNode item(JsonNode perfdash, String metric) {
    for (JsonNode item : perfdash.get("dataItems")) {
      if (item.get("labels").get("Metric").asString().equals(metric)) {
        assertThat(item.get("unit").asString()).isEqualTo("ms");
        return item.get("data");
      }
    }
    throw new AssertionError("no data item for " + metric + " in " + perfdash);
  }

  private static Document junit(Path reports) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(reports.resolve("junit.xml").toFile());
  }

  private static List<String> testcaseNames(Path reports) throws Exception {
    NodeList cases = junit(reports).getElementsByTagName("testcase");
    return IntStream.range(0, cases.getLength())
        .mapToObj(i -> ((Element) cases.item(i)).getAttribute("name"))
        .toList();
  }
}
