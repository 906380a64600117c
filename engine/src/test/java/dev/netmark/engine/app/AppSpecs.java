package dev.netmark.engine.app;

import dev.netmark.api.Params;
import dev.netmark.contract.ProbeTargets;
import java.util.List;
import java.util.Map;

/** A small three-tier model as the deployApplication step compiles it, for the tests. */
final class AppSpecs {
  private AppSpecs() {}

  static Map<String, Object> deployParams() {
    return Map.of(
        "action", "deploy",
        "app", "shop",
        "namespaces", Map.of("min", 1, "max", 2),
        "tuningSet", Map.of("name", "Fast", "kind", "qpsLoad", "params", Map.of("qps", 1000)),
        "tiers",
            List.of(
                Map.of("name", "web", "replicas", 2, "labels", Map.of("team", "a")),
                Map.of(
                    "name",
                    "api",
                    "replicas",
                    2,
                    "serve",
                    Map.of("protocol", "http", "port", 8080, "responseBytes", 512),
                    "labels",
                    Map.of()),
                Map.of(
                    "name",
                    "db",
                    "replicas",
                    1,
                    "serve",
                    Map.of("protocol", "tcp-echo", "port", 5432),
                    "labels",
                    Map.of())),
        "edges",
            List.of(
                Map.of(
                    "from",
                    "web",
                    "to",
                    "api",
                    "via",
                    "service",
                    "protocol",
                    "http",
                    "rate",
                    10.0 / 3,
                    "timeout",
                    "1m30s"),
                Map.of(
                    "from",
                    "api",
                    "to",
                    "db",
                    "via",
                    "pod",
                    "protocol",
                    "tcp",
                    "rate",
                    5.0,
                    "size",
                    100,
                    "duration",
                    "0")));
  }

  /** Probe targets as deployControlPlane publishes them: one control pod, no applications. */
  static ProbeTargets controlTargets() {
    return new ProbeTargets(
        Map.of("node-a", List.of("10.0.0.2")),
        8080,
        5201,
        "10.96.0.10",
        80,
        null,
        null,
        ProbeTargets.ProbePolicy.defaults());
  }

  static AppSpec spec() {
    return AppSpec.parse(Params.of(deployParams()));
  }
}
