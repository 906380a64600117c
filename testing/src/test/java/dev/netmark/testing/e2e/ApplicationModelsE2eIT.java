package dev.netmark.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.PodEventCodec;
import dev.netmark.contract.RequestStats;
import dev.netmark.testing.local.Clusters;
import dev.netmark.testing.local.LocalCluster;
import dev.netmark.testing.local.LocalClusterSpec;
import dev.netmark.testing.local.host.MachineSnapshot;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Application models in local mode, end to end (docs/design.md, "Application models"): both shipped
 * models pass with no steady-state error; during a roll, requests fail only when they hit a pod
 * being deleted (a server tier whose answers are held down after ADD: {@link HeldServerE2eIT}).
 * Both share one local cluster of 3 nodes, reached with {@code --kubeconfig} as any cluster is.
 */
class ApplicationModelsE2eIT {
  private static final String PREFIX = "nmap";
  private static final int BASE = 224;
  private static final int NODES = 3;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path shared;
  private static MachineSnapshot before;
  private static LocalCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    before = Clusters.snapshot(PREFIX, BASE);
    cluster =
        LocalCluster.start(
            LocalClusterSpec.of(Clusters.fabric(PREFIX, BASE, NODES).build())
                .withKubeconfigOut(shared.resolve("kubeconfig")));
  }

  @AfterAll
  static void closeCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    assertThat(before.differences(Clusters.snapshot(PREFIX, BASE))).isEmpty();
  }

  @Test
  void bothShippedModelsPassWithNoSteadyStateErrors(@TempDir Path tmp) throws Exception {
    Map<String, Integer> edges =
        Map.of("application-three-tier.yaml", 2, "application-microservices.yaml", 16);
    for (var model : edges.entrySet()) {
      Path reports = tmp.resolve(model.getKey());
      CliRun run =
          onCluster(model.getKey(), reports, "STEADY=3s", "READY_P99=10m", "REQUEST_P99=1m");
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).as(run.toString()).contains("\nVerdict: PASS\n");
      Map<String, Map<String, Double>> items = Reports.items(reports, "ApplicationTraffic");
      List<String> perEdge =
          items.keySet().stream()
              .filter(k -> k.startsWith("requests/Edge=") && !k.contains("/Tier="))
              .toList();
      assertThat(perEdge).as(model.getKey()).hasSize(model.getValue());
      perEdge.forEach(k -> assertThat(items.get(k).get("Count")).as(k).isPositive());
      items.entrySet().stream()
          .filter(e -> e.getKey().startsWith("errors/"))
          .forEach(e -> assertThat(e.getValue().get("Steady")).as(e.getKey()).isZero());
    }
    // The kube-proxy stand-in programmed every tier's Service, and timed each change.
    assertThat(cluster.serviceChanges())
        .anyMatch(c -> c.service().contains("/backend "))
        .anyMatch(c -> c.service().contains("/checkout "))
        .allMatch(c -> c.delayMs() >= 0);
  }

  @Test
  void duringARollOnlyRequestsToAPodBeingDeletedFail(@TempDir Path reports) throws Exception {
    CliRun run = onCluster(resource("rollout-via-pod.yaml"), reports);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<PodEvent> events = records();
    String ns = namespaceOf(events, "server-0");
    // The roll replaces server-0..2 with server-3..5; the end of the run deletes those.
    Map<String, String> rolledIps = new HashMap<>();
    for (PodEvent e : events) {
      if (e.kind() == EventKind.NETWORK_READY
          && ns.equals(e.namespace())
          && e.name().matches("server-[012]")) {
        rolledIps.put(e.ip(), e.name());
      }
    }
    assertThat(rolledIps).hasSize(3);
    JsonNode trafficFile = traffic(reports);
    // What the measurement counts: requests sent from its start on. Before it, clients meet the
    // tiers' first publication (no_target) and the Services' first rules, as service_ready shows.
    long windowStart = trafficFile.path("originMs").asLong();
    // The end of the run stops the clients, and a request still open then (sent within its
    // timeout before the gather) finishes as `stopped`, after the measurement's window: the
    // seconds judged here are those whose requests had all finished at the gather.
    long windowEnd = trafficFile.path("gatherMs").asLong() - 1000 - 1000;
    JsonNode roll = trafficFile.path("changes").get(0);
    assertThat(roll.path("action").asString()).isEqualTo("roll");
    long from = roll.path("startMs").asLong();
    long to = roll.path("endMs").asLong() + 1000; // plus the edge's request timeout
    int requests = 0;
    List<String> failures = new ArrayList<>();
    for (PodEvent e : events) {
      RequestStats r = e.requests();
      if (e.kind() != EventKind.REQUESTS
          || !ns.equals(e.namespace())
          || r.secondMs() < windowStart
          || r.secondMs() > windowEnd) {
        continue;
      }
      requests += r.requests();
      int targeted = r.errorTargets().values().stream().mapToInt(Integer::intValue).sum();
      if (targeted != r.failed()) {
        failures.add((r.failed() - targeted) + " errors without a target " + r.errors());
      }
      r.errorTargets()
          .forEach(
              (ip, n) -> {
                boolean inRoll = r.secondMs() + 1000 > from && r.secondMs() <= to;
                if (!rolledIps.containsKey(ip) || !inRoll) {
                  failures.add(n + " errors at " + r.secondMs() + " to " + ip + " " + r.errors());
                }
              });
    }
    assertThat(requests).isPositive();
    assertThat(failures)
        .as(
            "errors to a pod that was not being deleted (roll %d-%d, rolled %s)",
            from, to, rolledIps)
        .isEmpty();
  }

  private static CliRun onCluster(String config, Path reports, String... sets) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--kubeconfig",
                shared.resolve("kubeconfig").toString(),
                "--report-dir",
                reports.toString()));
    for (String s : sets) {
      args.addAll(List.of("--set", s));
    }
    return CliRun.run(config, args);
  }

  /**
   * A config of this test's resources, as an absolute path (CliRun resolves it against configs/).
   */
  static String resource(String name) throws URISyntaxException {
    return Path.of(ApplicationModelsE2eIT.class.getResource("app/" + name).toURI()).toString();
  }

  /** Every record of the cluster's shims, from the start. */
  private static List<PodEvent> records() throws InterruptedException {
    List<PodEvent> out = new ArrayList<>();
    for (String node : cluster.nodeNames()) {
      NodeShims shim =
          NodeShims.find(node).orElseThrow(() -> new AssertionError("no shim of " + node));
      shim.records()
          .orElseThrow(() -> new AssertionError("the shim of " + node + " did not answer"))
          .forEach(l -> out.add(PodEventCodec.fromJson(l)));
    }
    return out;
  }

  private static String namespaceOf(List<PodEvent> events, String pod) {
    return events.stream()
        .filter(e -> pod.equals(e.name()) && e.kind() == EventKind.NETWORK_READY)
        .map(PodEvent::namespace)
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no NETWORK_READY record of " + pod));
  }

  /** The report's ApplicationTraffic traffic file. */
  static JsonNode traffic(Path reports) throws IOException {
    try (Stream<Path> files = Files.list(reports.resolve("data"))) {
      Path file =
          files
              .filter(p -> p.getFileName().toString().startsWith("ApplicationTraffic_traffic_"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no traffic file in " + reports));
      return JSON.readTree(file.toFile());
    }
  }
}
