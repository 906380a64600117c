package dev.netmark.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.fixtures.MockApiServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The example plugin of {@code docs/developing-a-measurement.md}, built as its own jar from the
 * sources in {@code src/test/resources/example-plugin} against the engine only, and loaded by
 * {@code netmark run} and {@code netmark validate} through {@code --plugin-dir}, as a user would.
 */
class ExamplePluginIT {
  private static final Path PLUGIN = Path.of("src/test/resources/example-plugin");
  private static final Path CONFIG = PLUGIN.resolve("config.yaml");

  @TempDir Path dir;
  private MockApiServer api;
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
    buildPluginJar(pluginDir.resolve("pod-count.jar"));
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  @Test
  void runLoadsThePluginAndReportsItsCounts() throws Exception {
    Path reports = dir.resolve("reports");
    int code = netmark("run", "--report-dir", reports.toString());

    assertThat(code).as("stdout:%n%s%nstderr:%n%s", out, err).isZero();
    JsonNode item = NetmarkRunIT.perfdash(reports, "PodCount").get("dataItems").get(0);
    assertThat(item.get("labels").get("Metric").asString()).isEqualTo("pods");
    assertThat(item.get("unit").asString()).isEqualTo("count");
    assertThat(item.get("data").get("Start").asDouble()).isEqualTo(2.0);
    assertThat(item.get("data").get("Gather").asDouble()).isEqualTo(6.0);
    assertThat(Files.readString(reports.resolve("summary.txt")))
        .contains("6 pods matching 'netperf=true' in e2e-1, e2e-2 (2 at start)")
        .endsWith("Verdict: PASS\n");
  }

  @Test
  void moreThanMaxPodsIsAnSloViolation() throws Exception {
    int code = netmark("run", "--report-dir", dir.resolve("strict").toString(), "--set", "Max=5");

    assertThat(code).as("stderr: %s", err).isEqualTo(1);
    assertThat(out.toString())
        .contains("SLO VIOLATION: pods Gather = 6.000 count exceeds the threshold 5.000 count")
        .contains("Verdict: FAIL (0 step(s) failed, 1 SLO violation(s))");
  }

  @Test
  void validateKnowsTheMethodOnlyWithThePluginDir() {
    assertThat(netmark("validate")).as("stderr: %s", err).isZero();
    assertThat(out + err.toString()).contains("config.yaml is valid: test 'e2e', 5 steps");

    StringWriter without = new StringWriter();
    int code =
        NetmarkCommand.commandLine(new PrintWriter(without, true), new PrintWriter(without, true))
            .execute("validate", CONFIG.toString());

    assertThat(code).as("output: %s", without).isEqualTo(2);
    assertThat(without.toString())
        .contains("config.yaml: 2 problems")
        .contains(
            "steps[1].measurements[0].method (config.yaml:22): unknown measurement method"
                + " 'PodCount'; known: Application, ControlPlane, PodStartupLatency, Sleep,"
                + " Timer, WaitForNetworkReady")
        .contains("steps[4].measurements[0].method (config.yaml:41)");
  }

  @Test
  void validateRejectsABadMaxWithItsPath() {
    int code = netmark("validate", "--set", "Max=-1");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("steps[4].measurements[0].params.max")
        .contains("expected a count of 0 or more, found -1");
  }

  /** Runs {@code netmark COMMAND CONFIG --plugin-dir DIR} (plus the kubeconfig for run). */
  private int netmark(String command, String... extra) {
    List<String> args =
        new ArrayList<>(List.of(command, CONFIG.toString(), "--plugin-dir", pluginDir.toString()));
    if (command.equals("run")) {
      args.addAll(List.of("--kubeconfig", kubeconfig.toString()));
    }
    args.addAll(List.of(extra));
    return NetmarkCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args.toArray(String[]::new));
  }

  /**
   * Compiles the plugin against this test's classpath without the engine's own classes (the plugin
   * needs {@code netmark-api} and what it brings, nothing of the engine), and jars its classes and
   * resources.
   */
  private void buildPluginJar(Path jar) throws IOException {
    Path classes = Files.createDirectory(dir.resolve("plugin-classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
            javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
        Stream<Path> sources = Files.walk(PLUGIN.resolve("src/main/java"))) {
      List<String> options =
          List.of(
              "-classpath",
              withoutEngine(System.getProperty("java.class.path")),
              "-d",
              classes.toString(),
              "-Xlint:all",
              "-Werror");
      boolean ok =
          javac
              .getTask(
                  null,
                  files,
                  diagnostics,
                  options,
                  null,
                  files.getJavaFileObjectsFromPaths(
                      sources.filter(p -> p.toString().endsWith(".java")).toList()))
              .call();
      assertThat(ok).as("javac: %s", diagnostics.getDiagnostics()).isTrue();
    }
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      addTree(out, classes);
      addTree(out, PLUGIN.resolve("src/main/resources"));
    }
  }

  /** The class path less every entry inside this module (the engine's classes and tests). */
  private static String withoutEngine(String classPath) {
    Path engine = Path.of("").toAbsolutePath();
    List<String> kept =
        Stream.of(classPath.split(File.pathSeparator))
            .filter(e -> !Path.of(e).toAbsolutePath().startsWith(engine))
            .toList();
    assertThat(kept).anyMatch(e -> e.contains("netmark-api") || e.contains("/api/target"));
    return String.join(File.pathSeparator, kept);
  }

  private static void addTree(JarOutputStream jar, Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        jar.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
        jar.write(Files.readAllBytes(file));
        jar.closeEntry();
      }
    }
  }
}
