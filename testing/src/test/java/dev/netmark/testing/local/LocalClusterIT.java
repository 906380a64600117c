package dev.netmark.testing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.MetricSource;
import dev.netmark.contract.EventKind;
import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import dev.netmark.engine.kube.PodTracker;
import dev.netmark.fixtures.NetperfPods;
import dev.netmark.measurements.source.DirectMetricSourceFactory;
import dev.netmark.testing.local.host.MachineSnapshot;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A real 3-node local cluster: control plane, 15 netperf pods through scheduler, kubelets and
 * shims, records read with the {@code direct} metric source, deletion, and a clean machine after.
 */
class LocalClusterIT {
  private static final String PREFIX = "nmlc";
  private static final int BASE = 200;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  @Test
  void podsBecomeNetworkReadyThroughRealShimsAndLeaveNothingBehind() throws Exception {
    MachineSnapshot before = Clusters.snapshot(PREFIX, BASE);
    LocalCluster c =
        LocalCluster.start(LocalClusterSpec.of(Clusters.fabric(PREFIX, BASE, 3).build()));
    try {
      KubernetesClient kube = c.client();
      assertThat(kube.nodes().list().getItems())
          .extracting(n -> n.getMetadata().getName())
          .containsExactly("nmlc-node1", "nmlc-node2", "nmlc-node3");
      var targets = Clusters.deployControlPlane(kube, c);
      assertThat(targets.serviceIp()).isEqualTo("10.202.0.10");
      assertThat(targets.externalIp()).isEqualTo("10.203.0.1");

      // The engine's own pod tracker must see what the kubelets write, as PodStartupLatency does.
      PodTracker tracker = PodTracker.start(kube, List.of(), "netperf=true");
      kube.resource(new NamespaceBuilder().withNewMetadata().withName("lct").endMetadata().build())
          .create();
      for (int i = 0; i < 15; i++) {
        kube.resource(NetperfPods.of("lct", "np-" + i)).create();
      }
      Map<String, Pod> pods = new HashMap<>();
      for (int i = 0; i < 15; i++) {
        Pod p = Clusters.await(kube, "lct", "np-" + i, Clusters::running, READY_TIMEOUT);
        pods.put(p.getMetadata().getUid(), p);
      }
      // The scheduler spreads evenly; each pod's IP is from its node's pod CIDR.
      Map<String, Long> perNode =
          pods.values().stream()
              .collect(
                  Collectors.groupingBy(p -> p.getSpec().getNodeName(), Collectors.counting()));
      assertThat(perNode)
          .containsOnly(
              Map.entry("nmlc-node1", 5L),
              Map.entry("nmlc-node2", 5L),
              Map.entry("nmlc-node3", 5L));
      for (Pod p : pods.values()) {
        String node = p.getSpec().getNodeName();
        assertThat(p.getStatus().getPodIP())
            .startsWith("10.200." + node.charAt(node.length() - 1) + ".");
        assertThat(p.getStatus().getConditions())
            .anyMatch(cd -> cd.getType().equals("Ready") && cd.getStatus().equals("True"));
      }

      Clusters.awaitValue(
          () -> tracker.count(p -> p.watchRunningMillis() > 0) == 15 ? "all" : null,
          Duration.ofSeconds(10));
      tracker.close();

      MetricSource source = new DirectMetricSourceFactory().create(kube, Map.of());
      List<PodEvent> events = new ArrayList<>();
      MetricSource.Cursor cursor =
          collect(
              source,
              MetricSource.Cursor.START,
              events,
              ev -> uids(ev, EventKind.NETWORK_READY).containsAll(pods.keySet()));
      assertThat(uids(events, EventKind.NETWORK_READY)).isEqualTo(pods.keySet());
      assertThat(events)
          .filteredOn(e -> e.kind() == EventKind.PROBE_FAILED || e.kind() == EventKind.ADD_FAILED)
          .isEmpty();
      for (String uid : pods.keySet()) {
        Set<String> probed =
            events.stream()
                .filter(e -> e.uid().equals(uid) && e.kind() == EventKind.PROBE)
                .flatMap(e -> e.seconds().keySet().stream())
                .collect(Collectors.toSet());
        assertThat(probed)
            .as("probe classes of %s", uid)
            .containsAll(MetricNames.PROBE_TARGETS.stream().map(MetricNames::probeKey).toList());
        PodEvent add = only(events, uid, EventKind.ADD);
        PodEvent ready = only(events, uid, EventKind.NETWORK_READY);
        assertThat(add.ip()).isEqualTo(pods.get(uid).getStatus().getPodIP());
        assertThat(add.seconds().get(MetricNames.CNI_ADD)).isPositive();
        assertThat(ready.seconds().get(MetricNames.NETWORK_READY))
            .isGreaterThanOrEqualTo(add.seconds().get(MetricNames.CNI_ADD));
      }

      kube.namespaces().withName("lct").delete();
      collect(source, cursor, events, ev -> uids(ev, EventKind.DEL).containsAll(pods.keySet()));
      assertThat(uids(events, EventKind.DEL)).isEqualTo(pods.keySet());
      Clusters.awaitValue(
          () -> kube.pods().inNamespace("lct").list().getItems().isEmpty() ? "gone" : null,
          Duration.ofSeconds(30));
    } finally {
      c.close();
    }
    assertThat(before.differences(Clusters.snapshot(PREFIX, BASE))).isEmpty();
  }

  /** Reads events until {@code done} holds for all read so far. */
  static MetricSource.Cursor collect(
      MetricSource source,
      MetricSource.Cursor from,
      List<PodEvent> into,
      Predicate<List<PodEvent>> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    MetricSource.Cursor cursor = from;
    while (System.nanoTime() < deadline) {
      MetricSource.EventBatch b = source.events(cursor);
      into.addAll(b.events());
      cursor = b.next();
      if (done.test(into)) {
        return cursor;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "events incomplete after " + READY_TIMEOUT + ": " + into.size() + " events");
  }

  static Set<String> uids(List<PodEvent> events, EventKind kind) {
    return events.stream()
        .filter(e -> e.kind() == kind)
        .map(PodEvent::uid)
        .collect(Collectors.toSet());
  }

  static PodEvent only(List<PodEvent> events, String uid, EventKind kind) {
    List<PodEvent> found =
        events.stream().filter(e -> e.uid().equals(uid) && e.kind() == kind).toList();
    assertThat(found).as("%s events of %s", kind, uid).hasSize(1);
    return found.getFirst();
  }
}
