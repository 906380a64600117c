package dev.netmark.measurements.network;

import static dev.netmark.measurements.network.Fixture.S;

import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.contract.AppChange;
import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.ProbeTargets;
import dev.netmark.contract.RequestStats;
import dev.netmark.fixtures.MockApiServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A three-tier model in namespace nm-1 as the shims record it between start (S) and gather (S + 10
 * s): frontend pods fe-1 (node n1) and fe-2 (n2) call backend over HTTP through its Service with a
 * 1 s timeout; backend pod be-1 calls database over TCP (default timeout, 2 s) and is deleted
 * mid-run; backend is rolled from S+4 s to S+5 s. Serving pods be-1, be-2 (backend) and db-1
 * (database) record service_ready 5, 20 and 2 ms.
 */
final class AppScenario {
  static final String NS = "nm-1";
  static final String FE_BE = "frontend->backend";
  static final String BE_DB = "backend->database";

  private final KubernetesClient kube;
  private final Map<String, String> uids = new HashMap<>();
  private final Map<String, Long> seqs = new HashMap<>();
  private final List<PodEvent> events = new ArrayList<>();

  AppScenario(MockApiServer api) {
    kube = api.client();
    pod("fe-1", "frontend", FE_BE, "--timeout", "1s");
    pod("fe-2", "frontend", FE_BE, "--timeout", "1s");
    pod("be-1", "backend", BE_DB);
    pod("be-2", "backend");
    pod("db-1", "database");
  }

  /** The events of the scenario; {@code changes} published unless null. */
  Summary run(Path reportDir, Map<String, Object> gatherParams, boolean publishChange)
      throws InterruptedException {
    return run(reportDir, Map.of(), gatherParams, publishChange);
  }

  Summary run(
      Path reportDir,
      Map<String, Object> startParams,
      Map<String, Object> gatherParams,
      boolean publishChange)
      throws InterruptedException {
    if (publishChange) {
      publish(List.of(new AppChange(NS, "backend", "roll", S + 4000, S + 5000)));
    }
    List<Double> ten = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      ten.add((double) i);
    }
    requests("fe-1", "n1", FE_BE, S + 1000, 10, ten, Map.of());
    requests("fe-1", "n1", FE_BE, S + 4000, 10, times(7, 20), Map.of("refused", 3));
    requests("fe-1", "n1", FE_BE, S + 6000, 10, times(9, 30), Map.of("reset", 1));
    requests("fe-1", "n1", FE_BE, S + 7000, 10, times(9, 40), Map.of("timeout", 1));
    requests("fe-2", "n2", FE_BE, S + 1000, 5, times(5, 100), Map.of());
    requests("be-1", "n2", BE_DB, S + 2000, 4, times(4, 2), Map.of());
    // be-1 is deleted at S+4.5 s: its open requests are finished as stopped.
    requests("be-1", "n2", BE_DB, S + 4000, 4, times(1, 3), Map.of("stopped", 2, "refused", 1));
    serviceReady("be-1", "n2", 0.005);
    serviceReady("be-2", "n1", 0.020);
    serviceReady("db-1", "n1", 0.002);
    RecordedSource source = RecordedSource.of(events);
    Fixture f =
        new Fixture(
            new ApplicationTraffic(), new Fixture.Context(kube, source, List.of(NS), reportDir));
    f.clock.ms = S;
    source.visibleBefore(S);
    f.measurement.execute(Params.of(Fixture.with(startParams, "start")));
    kube.pods().inNamespace(NS).withName("be-1").delete();
    f.clock.ms = S + 10_000;
    source.visibleBefore(Long.MAX_VALUE);
    return f.measurement.execute(Params.of(Fixture.with(gatherParams, "gather"))).getFirst();
  }

  void publish(List<AppChange> changes) {
    String json =
        tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(changes);
    kube.resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withNamespace(ProbeTargets.NAMESPACE)
                .withName(AppChange.CONFIGMAP_NAME)
                .endMetadata()
                .addToData(AppChange.CONFIGMAP_KEY, json)
                .build())
        .create();
  }

  private void pod(String name, String tier, String... call) {
    PodBuilder b =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace(NS)
            .withName(name)
            .addToLabels("netperf", "true")
            .addToLabels("netmark.dev/tier", tier)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("c")
            .withImage("netperf")
            .endContainer()
            .endSpec();
    if (call.length > 0) {
      List<String> args = new ArrayList<>(List.of(call[0], "http", "$(SERVICE:x)", "--rate", "10"));
      args.addAll(List.of(call).subList(1, call.length));
      b.editSpec()
          .editFirstContainer()
          .withCommand("netmark-call")
          .withArgs(args)
          .endContainer()
          .endSpec();
    }
    Pod created = kube.resource(b.build()).create();
    uids.put(name, created.getMetadata().getUid());
  }

  private void requests(
      String pod,
      String node,
      String edge,
      long secondMs,
      int sent,
      List<Double> latencies,
      Map<String, Integer> errors) {
    RequestStats r =
        new RequestStats(
            edge, "http", "service", secondMs, sent, latencies, latencies.size(), errors, Map.of());
    add(pod, node, EventKind.REQUESTS, secondMs + 1500, Map.of(), r);
  }

  private void serviceReady(String pod, String node, double seconds) {
    add(pod, node, EventKind.SERVICE_READY, S + 900, Map.of("service_ready", seconds), null);
  }

  private void add(
      String pod,
      String node,
      EventKind kind,
      long wallMs,
      Map<String, Double> seconds,
      RequestStats r) {
    long seq = seqs.merge(node, 1L, Long::sum);
    events.add(
        new PodEvent(
            seq,
            kind,
            node,
            NS,
            pod,
            uids.get(pod),
            "10.0.0.1",
            1,
            wallMs,
            seconds,
            null,
            Map.of(),
            r));
  }

  private static List<Double> times(int n, double value) {
    return java.util.Collections.nCopies(n, value);
  }
}
