package dev.netmark.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two shipped application models load with their defaults and compile as documented. */
class ShippedAppConfigsTest {
  private static Path config(String name) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path file = p.resolve("configs").resolve(name);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    throw new IllegalStateException(
        "no configs/" + name + " above " + Path.of("").toAbsolutePath());
  }

  private static TestConfig load(String name) {
    return ConfigLoader.load(config(name), ParameterSources.none(), new FakeCatalog()).config();
  }

  private static List<String> actions(TestConfig c) {
    return c.steps().stream()
        .flatMap(s -> s.measurements().stream())
        .map(m -> m.method() + " " + m.params().action())
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> edges(TestConfig c) {
    return c.steps().stream()
        .flatMap(s -> s.measurements().stream())
        .filter(m -> m.params().action().equals("deploy") && m.method().equals("Application"))
        .map(m -> (List<Map<String, Object>>) m.params().asMap().get("edges"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void threeTierRollsTheBackendWhileTrafficIsMeasured() {
    TestConfig c = load("application-three-tier.yaml");
    assertThat(actions(c))
        .containsExactly(
            "ControlPlane deploy",
            "NetworkReadyLatency start",
            "Application deploy",
            "WaitForNetworkReady wait",
            "Sleep sleep",
            "ApplicationTraffic start",
            "Sleep sleep",
            "Application roll",
            "Sleep sleep",
            "NetworkReadyLatency gather",
            "ApplicationTraffic gather");
    assertThat(edges(c))
        .extracting(
            e -> e.get("from") + "->" + e.get("to") + " " + e.get("protocol") + " " + e.get("size"))
        .containsExactly("frontend->backend http 256", "backend->database tcp 256");
  }

  @Test
  void microservicesIsAnOnlineShopWithWeightedCallsAndEveryTierChange() {
    TestConfig c = load("application-microservices.yaml");
    assertThat(actions(c))
        .contains("Application roll", "Application scale", "Application recreate")
        .endsWith("NetworkReadyLatency gather", "ApplicationTraffic gather");
    List<Map<String, Object>> edges = edges(c);
    assertThat(edges.stream().map(e -> e.get("to")).distinct()).hasSizeGreaterThanOrEqualTo(10);
    // The frontend's 20 calls a second, split 10:3:2:2:1:1:1.
    assertThat(edges)
        .filteredOn(e -> e.get("from").equals("frontend"))
        .extracting(e -> e.get("to") + " " + e.get("rate"))
        .containsExactly(
            "catalog 10.0",
            "cart 3.0",
            "currency 2.0",
            "recommendation 2.0",
            "ad 1.0",
            "shipping 1.0",
            "checkout 1.0");
  }
}
