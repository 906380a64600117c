package dev.netmark.testing.kubemark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.engine.cli.NetmarkCommand;
import dev.netmark.engine.template.ObjectTemplates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code NODE_SELECTOR} knob of {@code configs/network-ready-latency.yaml}: it reaches
 * deployControlPlane and the netperf pod template, is checked with the config path and line, and
 * leaves the config as it was when unset (local mode).
 */
class NodeSelectorKnobTest {
  private static final String CONFIG =
      Repo.root().resolve("configs/network-ready-latency.yaml").toString();
  private static final Path POD = Repo.root().resolve("configs/templates/pod-netperf.yaml");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int validate(String... extra) {
    String[] args = new String[extra.length + 2];
    args[0] = "validate";
    args[1] = CONFIG;
    System.arraycopy(extra, 0, args, 2, extra.length);
    return NetmarkCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void unsetLeavesNoSelectorAnywhere() {
    assertThat(validate()).as(err::toString).isEqualTo(0);
    assertThat(out.toString())
        .doesNotContain("nodeSelector")
        .doesNotContain("NodeSelector")
        .doesNotContain("image:");
  }

  @Test
  void setReachesControlPlaneAndThePodTemplate() {
    assertThat(validate("--set", "NODE_SELECTOR=netmark.dev/node-kind=not-so-hollow"))
        .as(err::toString)
        .isEqualTo(0);
    assertThat(out.toString())
        .contains("    nodeSelector: \"netmark.dev/node-kind=not-so-hollow\"\n")
        .contains("templateFillMap: {NodeSelector: \"netmark.dev/node-kind=not-so-hollow\"}");
  }

  @Test
  void controlImageReachesDeployControlPlane() {
    assertThat(validate("--set", "CONTROL_IMAGE=registry.example/netmark-control:v1"))
        .as(err::toString)
        .isEqualTo(0);
    assertThat(out.toString()).contains("    image: \"registry.example/netmark-control:v1\"\n");
  }

  @Test
  void aMalformedSelectorIsAConfigErrorWithPathAndLine() {
    assertThat(validate("--set", "NODE_SELECTOR=netmark.dev/node-kind")).isEqualTo(2);
    assertThat(err.toString())
        .contains("steps[0].deployControlPlane.nodeSelector (")
        .contains("'netmark.dev/node-kind' is not key=value");
  }

  @Test
  void podTemplateRendersTheSelectorAsAMap() {
    Map<String, Object> pod =
        ObjectTemplates.render(
            POD,
            ObjectTemplates.vars(
                "p-0",
                0,
                "ns-1",
                Map.of("NodeSelector", "netmark.dev/node-kind=not-so-hollow, zone==a")));
    assertThat(spec(pod).get("nodeSelector"))
        .isEqualTo(Map.of("netmark.dev/node-kind", "not-so-hollow", "zone", "a"));
  }

  @Test
  void podTemplateWithoutSelectorHasNone() {
    Map<String, Object> pod =
        ObjectTemplates.render(POD, ObjectTemplates.vars("p-0", 0, "ns-1", Map.of()));
    assertThat(spec(pod)).doesNotContainKey("nodeSelector");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(Map<String, Object> pod) {
    return (Map<String, Object>) pod.get("spec");
  }
}
