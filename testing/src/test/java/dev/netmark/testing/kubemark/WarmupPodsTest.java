package dev.netmark.testing.kubemark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.engine.cli.NetmarkCommand;
import dev.netmark.engine.template.ObjectTemplates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code WARMUP_PODS_PER_NODE} of configs/network-ready-latency.yaml: warm-up pods made
 * network-ready before the measurements start, labelled so that PodStartupLatency leaves them out;
 * unset, the rendered config is the one without the knob.
 */
class WarmupPodsTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private String rendered(String... sets) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "validate", Repo.root().resolve("configs/network-ready-latency.yaml").toString()));
    for (String set : sets) {
      args.addAll(List.of("--set", set));
    }
    int code =
        NetmarkCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args.toArray(String[]::new));
    assertThat(code).as(err::toString).isEqualTo(0);
    return out.toString();
  }

  @Test
  void setTheyAreCreatedAndWaitedForBeforeTheMeasurementsStart() {
    String text = rendered("WARMUP_PODS_PER_NODE=2");
    int warm = text.indexOf("- name: Create warm-up pods");
    int wait = text.indexOf("labelSelector: netmark.dev/warmup=true");
    int start = text.indexOf("- name: Start measurements");
    assertThat(warm).isPositive();
    assertThat(wait).isGreaterThan(warm);
    assertThat(start).isGreaterThan(wait);
    assertThat(text.substring(warm, wait))
        .contains("replicasPerNamespace: 2")
        .contains("basename: warmup-pod")
        .contains("Warmup: \"true\"");
    assertThat(text).contains("labelSelector: \"netperf=true,!netmark.dev/warmup\"");
  }

  @Test
  void unsetThereAreNone() {
    String text = rendered();
    // The header's comments list the knob; compare ignores comments (ConfigDiff).
    assertThat(text.substring(text.indexOf("\nname: ")))
        .doesNotContain("warm")
        .contains("params: {action: start, labelSelector: netperf=true}");
    out.getBuffer().setLength(0);
    assertThat(rendered("WARMUP_PODS_PER_NODE=0")).isEqualTo(text);
  }

  @Test
  void theTemplateLabelsOnlyWarmupPods() {
    assertThat(labels(ObjectTemplates.vars("p-0", 0, "ns-1", Map.of("Warmup", "true"))))
        .containsEntry("netmark.dev/warmup", "true");
    assertThat(labels(ObjectTemplates.vars("p-0", 0, "ns-1", Map.of())))
        .doesNotContainKey("netmark.dev/warmup");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> labels(Map<String, Object> vars) {
    Path file = Repo.root().resolve("configs/templates/pod-netperf.yaml");
    Map<String, Object> meta =
        (Map<String, Object>) ObjectTemplates.render(file, vars).get("metadata");
    return (Map<String, Object>) meta.get("labels");
  }
}
