package dev.netmark.engine.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The objects of a model: containers with the design's command syntax, one Service per server. */
class AppObjectsTest {
  private final AppSpec spec = AppSpecs.spec();

  @Test
  @SuppressWarnings("unchecked")
  void aPodServesAndCallsWithOneContainerEach() {
    Map<String, Object> pod = AppObjects.pod(spec, spec.tier("api"), "ns-1", "api-7", 1234);
    Map<String, Object> metadata = (Map<String, Object>) pod.get("metadata");
    assertThat(metadata.get("labels"))
        .isEqualTo(Map.of("netperf", "true", "netmark.dev/app", "shop", "netmark.dev/tier", "api"));
    assertThat(metadata.get("annotations"))
        .isEqualTo(Map.of("netmark.dev/create-request-ms", "1234"));
    List<Map<String, Object>> containers =
        (List<Map<String, Object>>) ((Map<String, Object>) pod.get("spec")).get("containers");
    assertThat(containers).extracting(c -> c.get("name")).containsExactly("serve", "call-db");
    assertThat(containers.get(0).get("command")).isEqualTo(List.of("netmark-serve"));
    assertThat(containers.get(0).get("args")).isEqualTo(List.of("http", "8080", "--body", "512"));
    assertThat(containers.get(1).get("command")).isEqualTo(List.of("netmark-call"));
    assertThat(containers.get(1).get("args"))
        .isEqualTo(
            List.of(
                "api->db", "tcp", "$(POD:db)", "--rate", "5", "--size", "100", "--duration", "0"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aClientOnlyTierCallsThroughTheServiceWithItsRateInThousandths() {
    Map<String, Object> pod = AppObjects.pod(spec, spec.tier("web"), "ns-1", "web-0", 1);
    assertThat(((Map<String, Object>) pod.get("metadata")).get("labels"))
        .isEqualTo(
            Map.of(
                "team",
                "a",
                "netperf",
                "true",
                "netmark.dev/app",
                "shop",
                "netmark.dev/tier",
                "web"));
    List<Map<String, Object>> containers =
        (List<Map<String, Object>>) ((Map<String, Object>) pod.get("spec")).get("containers");
    assertThat(containers).hasSize(1);
    assertThat(containers.getFirst().get("args"))
        .isEqualTo(
            List.of(
                "web->api", "http", "$(SERVICE:api)", "--rate", "3.333", "--timeout", "90000ms"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aServingTierHasAServiceSelectingItsPods() {
    Map<String, Object> svc = AppObjects.service("shop", spec.tier("db"), "ns-2");
    Map<String, Object> s = (Map<String, Object>) svc.get("spec");
    assertThat(((Map<String, Object>) svc.get("metadata")).get("name")).isEqualTo("db");
    assertThat(s.get("selector"))
        .isEqualTo(Map.of("netmark.dev/app", "shop", "netmark.dev/tier", "db"));
    assertThat(s.get("ports"))
        .isEqualTo(
            List.of(Map.of("name", "serve", "protocol", "TCP", "port", 5432, "targetPort", 5432)));
  }

  @Test
  void serversAreCreatedBeforeTheirClients() {
    assertThat(spec.serversFirst())
        .extracting(AppSpec.Tier::name)
        .containsExactly("db", "api", "web");
  }

  @Test
  void ratesKeepThreeDecimals() {
    assertThat(AppObjects.rate(0.1)).isEqualTo("0.1");
    assertThat(AppObjects.rate(1000)).isEqualTo("1000");
    assertThat(AppObjects.rate(2.0 / 3)).isEqualTo("0.667");
  }
}
