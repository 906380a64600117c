package dev.netmark.engine.config;

import dev.netmark.api.Params;
import java.util.Set;

/**
 * The measurement methods the tests use, each requiring an {@code action} from a fixed list, so the
 * loader's handling of catalog errors is exercised without the real registry.
 */
final class FakeCatalog implements Catalog {
  @Override
  public Set<String> measurementMethods() {
    return Set.of(
        "Sleep",
        "Timer",
        "WaitForNetworkReady",
        "ControlPlane",
        "NetworkReadyLatency",
        "NetworkReadyThroughput",
        "PodStartupLatency",
        "Application",
        "ApplicationTraffic");
  }

  @Override
  public void validateMeasurement(String method, Params params) {
    String action = params.action();
    Set<String> allowed =
        switch (method) {
          case "Sleep" -> Set.of("sleep");
          case "WaitForNetworkReady" -> Set.of("wait");
          case "ControlPlane" -> Set.of("deploy");
          case "Application" -> Set.of("deploy", "scale", "roll", "recreate");
          case "Timer" -> Set.of("start", "stop", "gather");
          default -> Set.of("start", "gather");
        };
    if (!allowed.contains(action)) {
      throw params.error("action", "expected one of " + allowed + ", found '" + action + "'");
    }
    params.duration("timeout", java.time.Duration.ZERO);
  }
}
