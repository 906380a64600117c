package dev.netmark.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhaseExecutorTest {

  @Test
  void identityOverridesTheTemplateAndMergesLabels() {
    Map<String, Object> rendered =
        Map.of(
            "kind",
            "Pod",
            "metadata",
            Map.of("name", "ignored", "labels", Map.of("app", "netperf")));

    Map<String, Object> object =
        PhaseExecutor.withIdentity(rendered, "pod-3", "ns-1", Map.of("netperf", "true"));

    assertThat(object.get("metadata"))
        .isEqualTo(
            Map.of(
                "name", "pod-3",
                "namespace", "ns-1",
                "labels", Map.of("app", "netperf", "netperf", "true")));
  }

  @Test
  void progressSaysWhetherThePhaseCreatesDeletesOrBoth() {
    assertThat(PhaseExecutor.unit(30, 0)).isEqualTo("objects created");
    assertThat(PhaseExecutor.unit(0, 30)).isEqualTo("objects deleted");
    assertThat(PhaseExecutor.unit(10, 5)).isEqualTo("objects created or deleted");
  }

  @Test
  void stampsTheCreateRequestTimeBesideExistingAnnotations() {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("annotations", Map.of("team", "net"));
    Map<String, Object> object = new LinkedHashMap<>(Map.of("metadata", metadata));

    PhaseExecutor.stampCreateRequest(object, 1_732_790_000_123L);

    assertThat(metadata.get("annotations"))
        .isEqualTo(Map.of("team", "net", "netmark.dev/create-request-ms", "1732790000123"));
  }
}
