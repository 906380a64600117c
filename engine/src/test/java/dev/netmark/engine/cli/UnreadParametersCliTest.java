package dev.netmark.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * {@code validate} and {@code run} refuse a parameter that no template reads (exit 2, naming the
 * key, where it came from and the knobs that exist), unless {@code --allow-unused-params}.
 */
class UnreadParametersCliTest {
  private static final String KNOBS = "src/test/resources/cli/knobs/config.yaml";
  private static final String SHARED = "src/test/resources/cli/knobs/shared-overrides.yaml";

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return NetmarkCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void anUnreadSetStopsValidate() {
    assertThat(run("validate", KNOBS, "--set", "NODES=2", "--set", "Pods=500")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "netmark: "
                + KNOBS
                + ": 1 problem:\n  --set Pods=500: parameter Pods is read by no template of this"
                + " run; the knobs that exist: NODES, PAUSE. --allow-unused-params lets it through"
                + " (for an overrides file shared between configs)\n");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void anUnreadSetStopsRunBeforeAnyCluster() {
    assertThat(run("run", KNOBS, "--set", "nodes=3")).isEqualTo(2);
    assertThat(err.toString())
        .contains("--set nodes=3: parameter nodes is read by no template of this run (did you mean")
        .contains("NODES?)")
        .doesNotContain("cluster provider");
  }

  @Test
  void anUnreadKeyOfAnOverridesFileIsNamedWithTheFile() {
    assertThat(run("validate", KNOBS, "--testoverrides", SHARED)).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "overrides file "
                + SHARED
                + ": parameter ROUNDS is read by no template of this run; the knobs that exist:"
                + " NODES, PAUSE.")
        .doesNotContain("parameter NODES");
  }

  @Test
  void allowUnusedParamsLetsASharedFileThrough() {
    assertThat(run("validate", KNOBS, "--testoverrides", SHARED, "--allow-unused-params")).isZero();
    assertThat(out.toString()).contains("namespace: {number: 2}");
  }

  @Test
  void knobsThatAreReadPassEvenWhenTheirDefaultWouldDo() {
    assertThat(run("validate", KNOBS, "--set", "NODES=1", "--set", "PAUSE=1s")).isZero();
    assertThat(out.toString()).contains("- sleep: 1s");
  }
}
