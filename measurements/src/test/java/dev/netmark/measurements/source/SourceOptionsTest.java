package dev.netmark.measurements.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.api.NetmarkException;
import dev.netmark.fixtures.MockApiServer;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceOptionsTest {
  @Test
  void defaultsReadEveryNodeAtTheDefaultPort() {
    assertThat(SourceOptions.parse("proxy", Map.of()))
        .isEqualTo(new SourceOptions(10260, Duration.ofSeconds(5), 16, Map.of()));
  }

  @Test
  void nodeSelectorKeepsTheSourceOnNodesWithAShim() {
    try (MockApiServer api = MockApiServer.start()) {
      KubernetesClient kube = api.client();
      node(kube, "netperf-node-a", "not-so-hollow");
      node(kube, "netperf-node-b", "not-so-hollow");
      node(kube, "hollow-node-c", "hollow");
      SourceOptions opts =
          SourceOptions.parse(
              "proxy", Map.of("node-selector", "netmark.dev/node-kind=not-so-hollow"));
      assertThat(opts.nodeSelector()).isEqualTo(Map.of("netmark.dev/node-kind", "not-so-hollow"));
      assertThat(opts.nodes(kube))
          .extracting(n -> n.getMetadata().getName())
          .containsExactlyInAnyOrder("netperf-node-a", "netperf-node-b");
      assertThat(SourceOptions.parse("proxy", Map.of()).nodes(kube)).hasSize(3);
    }
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "node-selector|netmark.dev/node-kind|'netmark.dev/node-kind' is not key=value",
        "node-selector|a=1,b!=2|'b!=2' is not key=value",
        "port|0|port must be 1-65535",
        "nodes|3|unknown option 'nodes', known: [node-selector, parallelism, port, timeout]",
      })
  void badOptionsAreNamed(String key, String value, String message) {
    assertThatThrownBy(() -> SourceOptions.parse("proxy", Map.of(key, value)))
        .isInstanceOf(NetmarkException.class)
        .hasMessageStartingWith("metric source proxy: ")
        .hasMessageContaining(message);
  }

  private static void node(KubernetesClient kube, String name, String kind) {
    kube.resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("netmark.dev/node-kind", kind)
                .endMetadata()
                .build())
        .create();
  }
}
