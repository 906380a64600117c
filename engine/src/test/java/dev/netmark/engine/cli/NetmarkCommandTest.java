package dev.netmark.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetmarkCommandTest {
  private static final String VALID = "src/test/resources/cli/e2e/valid.yaml";
  private static final String BROKEN = "src/test/resources/cli/broken/config.yaml";

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir Path dir;

  private int run(String... args) {
    return NetmarkCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                                  | missing a command: validate, run or compare",
        "run                                                 | Missing required parameter:"
            + " 'CONFIG'",
        "validate                                            | Missing required parameter:"
            + " 'CONFIG'",
        "frobnicate                                          | Unmatched argument at index 0:"
            + " 'frobnicate'",
        "run " + VALID + " --kubeconfig a --provider local   | mutually exclusive",
        "run " + VALID + " --keep=maybe                      | Invalid value for option '--keep'",
        "run "
            + VALID
            + " --provider-opt nodes              | should be in KEY=VALUE format but was nodes",
      })
  void usageErrorsExitTwoWithAMessage(String args, String message) {
    int code = run(args.isBlank() ? new String[0] : args.trim().split("\\s+"));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains(message);
  }

  @Test
  void runWithoutKubeconfigOrLocalProviderSaysWhatToDo() {
    assertThat(run("run", VALID)).isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "netmark: no --kubeconfig given and no local cluster provider found: unknown cluster"
                + " provider 'local'; known: kubemark.")
        .contains("netmark-testing.jar")
        .contains("or pass --kubeconfig");
    assertThat(err.toString()).doesNotContain("\tat ");
  }

  @Test
  void unknownProviderIsAUsageError() {
    assertThat(run("run", VALID, "--provider", "kind")).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("netmark: unknown cluster provider 'kind'; known: kubemark.");
  }

  @Test
  void missingKubeconfigIsAUsageError() {
    Path missing = dir.resolve("nope.yaml");
    assertThat(run("run", VALID, "--kubeconfig", missing.toString())).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("netmark: --kubeconfig " + missing + ": file not found\n");
  }

  @Test
  void runIntoADirectoryThatHoldsAReportIsRefusedBeforeTheClusterIsTouched() throws Exception {
    Path used = Files.createDirectories(dir.resolve("used"));
    Files.writeString(used.resolve("junit.xml"), "<testsuites/>");
    Files.writeString(used.resolve("NetworkReadyLatency_t_2026-12-05T14:02:27Z.json"), "{}");
    Path missing = dir.resolve("nope.yaml");

    // The kubeconfig is never opened: its own error would come first otherwise.
    assertThat(run("run", VALID, "--kubeconfig", missing.toString(), "--report-dir", used + ""))
        .isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "netmark: --report-dir "
                + used
                + " already holds a run's report (NetworkReadyLatency_t_2026-12-05T14:02:27Z.json,"
                + " junit.xml); a second run's files would mix with it and compare refuses such a"
                + " directory: pick an empty directory for each run (or delete this one first)\n");
    assertThat(used.resolve("logs")).doesNotExist();
  }

  @Test
  void runIntoAnEmptyDirectoryOrOneWithLogsOnlyGoesOn() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Path logsOnly = Files.createDirectories(dir.resolve("failed/logs"));
    Path missing = dir.resolve("nope.yaml");
    for (Path reports : List.of(empty, logsOnly.getParent())) {
      err.getBuffer().setLength(0);
      assertThat(
              run("run", VALID, "--kubeconfig", missing.toString(), "--report-dir", reports + ""))
          .isEqualTo(2);
      assertThat(err.toString())
          .isEqualTo("netmark: --kubeconfig " + missing + ": file not found\n");
    }
  }

  @Test
  void compareOfADirectoryWithTwoRunsIsUnusableInput() throws Exception {
    Path mixed = Files.createDirectories(dir.resolve("mixed"));
    for (String started : List.of("2026-12-05T14:02:27Z", "2026-12-06T02:10:24Z")) {
      Files.writeString(
          mixed.resolve("NetworkReadyLatency_t_" + started + ".json"),
          """
          {"version":"v1","dataItems":[{"data":{"Perc50":4.5},"unit":"ms",
           "labels":{"Metric":"cni_add"}}]}""");
    }

    assertThat(run("compare", mixed.toString(), mixed.toString())).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("netmark: report directory " + mixed + " holds the files of 2 runs")
        .contains(
            "\n  run started 2026-12-05T14:02:27Z: NetworkReadyLatency_t_2026-12-05T14:02:27Z")
        .contains(
            "\n  run started 2026-12-06T02:10:24Z: NetworkReadyLatency_t_2026-12-06T02:10:24Z");
  }

  @Test
  void validatePrintsTheRenderedConfig() {
    assertThat(run("validate", VALID)).isZero();
    assertThat(out.toString())
        .isEqualTo("name: valid\nnamespace: {number: 1}\nsteps:\n- sleep: 10ms\n");
    assertThat(err.toString()).contains("is valid: test 'valid', 1 steps");
  }

  @Test
  void validateOfABrokenConfigListsEveryProblemWithPathAndLine() {
    assertThat(run("validate", BROKEN)).isEqualTo(2);
    String e = err.toString();
    assertThat(e).startsWith("netmark: ");
    assertThat(e).contains("steps[0].measurements[0].params.duration").contains("config.yaml:11");
    assertThat(e).contains("found 'forever'");
    assertThat(e).contains("steps[1].createPods.tuningSet").contains("config.yaml:15");
    assertThat(e).doesNotContain("\tat ");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void validateOfAConfigNamingAnUnknownMethodListsTheKnownOnes() {
    assertThat(run("validate", "src/test/resources/cli/e2e/config.yaml")).isEqualTo(2);
    assertThat(err.toString())
        .contains("AwaitRunning")
        .contains("ControlPlane, PodStartupLatency, Sleep, Timer, WaitForNetworkReady");
  }

  @Test
  void validateOfAnApplicationModelWithAMistakeExitsTwoNamingPathAndLine() throws Exception {
    Path config = dir.resolve("app.yaml");
    java.nio.file.Files.writeString(
        config,
        """
        name: app
        namespace: {number: 1}
        tuningSets:
        - {name: Uniform, qpsLoad: {qps: 10}}
        steps:
        - deployControlPlane: {}
        - deployApplication:
            app: shop
            namespaceRange: {min: 1, max: 1}
            tuningSet: Uniform
            tiers:
            - {name: web, replicas: 1}
            - {name: api, replicas: 1, serve: {protocol: http, port: 8080}}
            edges:
            - {from: web, to: cart, rate: 5}
        """);
    assertThat(run("validate", config.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("steps[1].deployApplication.edges[0].to (app.yaml:15): unknown tier 'cart'");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"--help", "run,--help", "validate,--help", "help,run"})
  void helpOnEveryCommandHasExamples(String args) {
    assertThat(run(args.split(","))).as("stderr: %s", err).isZero();
    assertThat(out.toString()).contains("Examples:").contains("Usage: netmark");
  }
}
