package dev.netmark.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.engine.template.ObjectTemplates;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The realistic example (a copy of the shared network-ready-latency sketch) loads and renders. */
class ExampleConfigTest {
  static final Path FILE = Path.of("src/test/resources/config/example/network-ready-latency.yaml");

  @Test
  void loadsWithDefaults() {
    TestConfig c = ConfigLoader.load(FILE, ParameterSources.none(), new FakeCatalog()).config();
    assertThat(c.name()).isEqualTo("network-ready-latency");
    assertThat(c.namespace().number()).isEqualTo(3);
    assertThat(c.tuningSets().getFirst().params().number("qps", 0)).isEqualTo(20.0);
    assertThat(c.steps())
        .extracting(StepSpec::name)
        .containsExactly(
            "Control plane", "Start measurements", "Create netperf pods", "Wait", "Gather");
    PhaseSpec create = c.steps().get(2).phases().getFirst();
    assertThat(create.replicasPerNamespace()).isEqualTo(10);
    assertThat(create.namespaces().resolve("netmark"))
        .containsExactly("netmark-1", "netmark-2", "netmark-3");
    assertThat(create.objectBundle().getFirst().extraLabels()).isEqualTo(Map.of("netperf", "true"));
    assertThat(c.steps().get(3).measurements().getFirst().params().asMap())
        .isEqualTo(Map.of("action", "wait", "labelSelector", "netperf = true", "timeout", "5m"));
    assertThat(create.path()).isEqualTo("steps[2].createPods (network-ready-latency.yaml:33)");
  }

  @Test
  void parametersFromEnvironmentAndSetChangeTheLoad() {
    ParameterSources params =
        ParameterSources.of(List.of(), List.of("Nodes=5"), Map.of("NETMARK_POD_QPS", "50"));
    TestConfig c = ConfigLoader.load(FILE, params, new FakeCatalog()).config();
    assertThat(c.namespace().number()).isEqualTo(5);
    assertThat(c.tuningSets().getFirst().params().number("qps", 0)).isEqualTo(50.0);
    assertThat(c.steps().get(2).phases().getFirst().namespaces().max()).isEqualTo(5);
  }

  @Test
  void podTemplateRendersToANetperfPod() {
    TestConfig c = ConfigLoader.load(FILE, ParameterSources.none(), new FakeCatalog()).config();
    var object = c.steps().get(2).phases().getFirst().objectBundle().getFirst();
    Map<String, Object> pod =
        ObjectTemplates.render(
            object.objectTemplatePath(),
            ObjectTemplates.vars("netperf-pod-7", 7, "netmark-2", object.templateFillMap()));
    assertThat(pod).containsEntry("kind", "Pod");
    assertThat(pod.get("metadata"))
        .isEqualTo(
            Map.of(
                "name", "netperf-pod-7",
                "namespace", "netmark-2",
                "labels", Map.of("app", "netperf", "index", "7")));
  }
}
