package dev.netmark.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The application-model steps: what {@code deployApplication} and the tier changes compile to, and
 * every mistake in a model named with its config path and line. In {@link #config} the tiers start
 * on line 13 and the edges on line 18; each case replaces one of those lines.
 */
class AppStepsTest {
  @TempDir Path dir;

  private static final String WEB = "    - {name: web, replicas: 2, rate: 10}";
  private static final String API =
      "    - {name: api, replicas: 2, serve: {protocol: http, port: 8080, responseBytes: 512}}";
  private static final String DB =
      "    - {name: db, replicas: 1, serve: {protocol: tcp-echo, port: 5432}}";
  private static final String CACHE =
      "    - {name: cache, replicas: 1, serve: {protocol: tcp-sink, port: 6379}}";
  private static final String E1 = "    - {from: web, to: api, weight: 3}";
  private static final String E2 =
      "    - {from: web, to: cache, protocol: tcp, via: pod, weight: 1}";
  private static final String E3 =
      "    - {from: api, to: db, protocol: tcp, rate: 5, size: 100, timeout: 1s}";
  private static final String CHANGES =
      """
      - scaleTier: {app: shop, tier: api, replicas: 3}
      - rollTier: {app: shop, tier: api, batchSize: 1, pause: 2s}
      - recreateTier: {app: shop, tier: db}
      """;

  private String config(String... lines) {
    List<String> l = List.of(lines);
    return """
        name: app
        namespace:
          number: 2
        tuningSets:
        - name: Uniform
          qpsLoad: {qps: 10}
        steps:
        - deployApplication:
            app: shop
            namespaceRange: {min: 1, max: 2}
            tuningSet: Uniform
            tiers:
        %s
        %s
        %s
        %s
            edges:
        %s
        %s
        %s
        """
            .formatted(l.toArray())
        + CHANGES;
  }

  private TestConfig load(String text) throws IOException {
    Path file = dir.resolve("app.yaml");
    Files.writeString(file, text);
    return ConfigLoader.load(file, ParameterSources.none(), new FakeCatalog()).config();
  }

  private ConfigErrors errors(String text) throws IOException {
    Path file = dir.resolve("app.yaml");
    Files.writeString(file, text);
    return catchThrowableOfType(
        ConfigErrors.class,
        () -> ConfigLoader.load(file, ParameterSources.none(), new FakeCatalog()));
  }

  @Test
  @SuppressWarnings("unchecked")
  void deployCompilesToOneApplicationActionWithRatesSplitByWeight() throws IOException {
    TestConfig c = load(config(WEB, API, DB, CACHE, E1, E2, E3));
    MeasurementSpec deploy = c.steps().getFirst().measurements().getFirst();
    assertThat(deploy.method()).isEqualTo("Application");
    assertThat(deploy.identifier()).isEqualTo("shop");
    assertThat(deploy.path()).isEqualTo("steps[0].deployApplication (app.yaml:8)");
    Map<String, Object> p = deploy.params().asMap();
    assertThat(p)
        .containsEntry("action", "deploy")
        .containsEntry("namespaces", Map.of("min", 1, "max", 2))
        .containsEntry(
            "tuningSet", Map.of("name", "Uniform", "kind", "qpsLoad", "params", Map.of("qps", 10)));
    List<Map<String, Object>> edges = (List<Map<String, Object>>) p.get("edges");
    assertThat(edges)
        .containsExactly(
            Map.of("from", "web", "to", "api", "via", "service", "protocol", "http", "rate", 7.5),
            Map.of("from", "web", "to", "cache", "via", "pod", "protocol", "tcp", "rate", 2.5),
            Map.of(
                "from",
                "api",
                "to",
                "db",
                "via",
                "service",
                "protocol",
                "tcp",
                "rate",
                5.0,
                "size",
                100,
                "timeout",
                "1s"));
    List<Map<String, Object>> tiers = (List<Map<String, Object>>) p.get("tiers");
    assertThat(tiers.get(1))
        .isEqualTo(
            Map.of(
                "name",
                "api",
                "replicas",
                2,
                "serve",
                Map.of("protocol", "http", "port", 8080, "responseBytes", 512),
                "labels",
                Map.of()));
    assertThat(c.steps().subList(1, 4))
        .extracting(s -> s.measurements().getFirst().params().asMap())
        .containsExactly(
            Map.of("action", "scale", "app", "shop", "tier", "api", "replicas", 3),
            Map.of("action", "roll", "app", "shop", "tier", "api", "batchSize", 1, "pause", "2s"),
            Map.of("action", "recreate", "app", "shop", "tier", "db"));
  }

  @ParameterizedTest(name = "{3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          4 |     - {from: web, to: shop, weight: 3}                 | steps[0].deployApplication.edges[0].to (app.yaml:18) | unknown tier 'shop'; tiers: web, api, db, cache
          4 |     - {from: web, to: db, weight: 3}                   | steps[0].deployApplication.edges[0] (app.yaml:18) | protocol http needs a tier that serves http, but tier 'db' (steps[0].deployApplication.tiers[2] (app.yaml:15)) serves tcp-echo
          6 |     - {from: api, to: api, protocol: tcp, rate: 5}     | steps[0].deployApplication.edges[2].protocol (app.yaml:20) | protocol tcp needs a tier that serves tcp-echo or tcp-sink
          6 |     - {from: api, to: web, protocol: icmp, rate: 5}    | steps[0].deployApplication.edges[2].protocol (app.yaml:20) | tier 'web' serves nothing, so no client can resolve it
          6 |     - {from: api, to: db, protocol: tcp, rate: 0}      | steps[0].deployApplication.edges[2].rate (app.yaml:20) | expected a number > 0, found '0'
          6 |     - {from: api, to: db, protocol: tcp, rate: 5000}   | steps[0].deployApplication.edges[2].rate (app.yaml:20) | expected a rate from 0.1 to 1000 requests per second per client pod, found 5000.0
          6 |     - {from: api, to: db, protocol: tcp}               | steps[0].deployApplication.edges[2] (app.yaml:20) | expected rate (requests per second per client pod) or weight
          6 |     - {from: api, to: db, protocol: tcp, weight: 2}    | steps[0].deployApplication.edges[2].weight (app.yaml:20) | a weight splits the client tier's rate, but tier 'api'
          6 |     - {from: api, to: db, protocol: tcp, rate: 1, weight: 2} | steps[0].deployApplication.edges[2].weight (app.yaml:20) | expected rate or weight, found both
          4 |     - {from: web, to: api, weight: -1}                 | steps[0].deployApplication.edges[0].weight (app.yaml:18) | expected a number > 0, found '-1'
          4 |     - {from: web, to: api, weight: 1000}               | steps[0].deployApplication.edges[1].weight (app.yaml:19) | weight 1.0 of 1001.0 gives this edge 0.00999
          4 |     - {from: web, to: api, weight: 3, size: 1048577}   | steps[0].deployApplication.edges[0].size (app.yaml:18) | expected at most 1048576 bytes for http, found 1048577
          4 |     - {from: web, to: api, weight: 3, size: -1}        | steps[0].deployApplication.edges[0].size (app.yaml:18) | expected an integer >= 0, found '-1'
          6 |     - {from: api, to: db, protocol: icmp, rate: 5, size: 65500} | steps[0].deployApplication.edges[2].size (app.yaml:20) | expected at most 65499 bytes for icmp, found 65500
          5 |     - {from: web, to: api, weight: 1}                  | steps[0].deployApplication.edges[1] (app.yaml:19) | duplicate edge web->api, first given at steps[0].deployApplication.edges[0] (app.yaml:18)
          6 |     - {from: api, to: db, protocol: tcp, via: node, rate: 1} | steps[0].deployApplication.edges[2].via (app.yaml:20) | expected one of service, pod, found 'node'
          2 |     - {name: db, replicas: 0, serve: {protocol: tcp-echo, port: 5432}} | steps[0].deployApplication.tiers[2].replicas (app.yaml:15) | tier 'db' serves and is called (edge at steps[0].deployApplication.edges[2] (app.yaml:20)), so it needs replicas > 0, found 0
          2 |     - {name: api, replicas: 1, serve: {protocol: tcp-echo, port: 1}} | steps[0].deployApplication.tiers[2] (app.yaml:15) | duplicate tier name 'api', first given at steps[0].deployApplication.tiers[1] (app.yaml:14)
          2 |     - {name: db, replicas: 1, serve: {protocol: udp, port: 5432}} | steps[0].deployApplication.tiers[2].serve.protocol (app.yaml:15) | expected one of http, tcp-echo, tcp-sink, found 'udp'
          2 |     - {name: DB, replicas: 1, serve: {protocol: tcp-echo, port: 5432}} | steps[0].deployApplication.tiers[2].name (app.yaml:15) | expected a name of lower-case letters, digits and '-'
          0 |     - {name: web, replicas: 2, rate: 10, labels: {netperf: "false"}} | steps[0].deployApplication.tiers[0].labels (app.yaml:13) | label 'netperf' is set by netmark
          0 |     - {name: web, replicas: 2}                         | steps[0].deployApplication.edges[0].weight (app.yaml:18) | a weight splits the client tier's rate, but tier 'web'
          """)
  void eachMistakeIsNamedWithPathAndLine(int line, String text, String where, String problem)
      throws IOException {
    String[] lines = {WEB, API, DB, CACHE, E1, E2, E3};
    lines[line] = "    " + text;
    ConfigErrorsTest.assertProblem(errors(config(lines)), where, problem);
  }

  @Test
  void aServingTierNeedsReplicasEvenWhenNoEdgeCallsIt() throws IOException {
    String cache = CACHE.replace("replicas: 1", "replicas: 0");
    String dbToApi = "    - {from: db, to: api, rate: 1}";
    ConfigErrorsTest.assertProblem(
        errors(config(WEB, API, DB, cache, E1, dbToApi, E3)),
        "steps[0].deployApplication.tiers[3].replicas (app.yaml:16)",
        "tier 'cache' serves, so it needs replicas > 0, found 0");
  }

  @Test
  void aTierRateWithoutWeightedEdgesIsAMistake() throws IOException {
    String e1 = E1.replace("weight: 3", "rate: 3");
    String e2 = E2.replace("weight: 1", "rate: 1");
    ConfigErrorsTest.assertProblem(
        errors(config(WEB, API, DB, CACHE, e1, e2, E3)),
        "steps[0].deployApplication.tiers[0].rate (app.yaml:13)",
        "tier 'web' gives a rate to split, but none of its edges has a weight");
  }

  @Test
  void tierChangesNameAnUnknownModelOrTier() throws IOException {
    String text =
        config(WEB, API, DB, CACHE, E1, E2, E3)
            + "- scaleTier: {app: store, tier: api, replicas: 1}\n"
            + "- rollTier: {app: shop, tier: payment}\n";
    ConfigErrors e = errors(text);
    assertThat(e.problems())
        .extracting(ConfigErrors.Problem::where)
        .containsExactly(
            "steps[4].scaleTier.app (app.yaml:24)", "steps[5].rollTier.tier (app.yaml:25)");
    assertThat(e.getMessage())
        .contains("no earlier deployApplication step deploys 'store'; deployed: shop")
        .contains("application 'shop' has no tier 'payment'; tiers: web, api, db, cache");
  }
}
