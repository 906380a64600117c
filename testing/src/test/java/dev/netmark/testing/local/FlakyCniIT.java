package dev.netmark.testing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.MetricSource;
import dev.netmark.contract.EventKind;
import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import dev.netmark.fixtures.NetperfPods;
import dev.netmark.measurements.source.DirectMetricSourceFactory;
import dev.netmark.testing.local.fabric.CniSetup;
import dev.netmark.testing.local.host.MachineSnapshot;
import dev.netmark.testing.local.kubelet.Backoff;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CNI plugin that fails the first 2 ADDs of every pod (test resource {@code flaky-cni/flaky},
 * delegating to Debian's bridge), given to the cluster as the user's conf and bin dirs: every pod
 * still becomes network-ready through kubelet-style retries, after exactly 2 failed attempts, and
 * {@code cni_add_total} spans them.
 */
class FlakyCniIT {
  private static final String PREFIX = "nmlf";
  private static final int BASE = 220;
  private static final int FAILURES = 2;
  private static final Backoff BACKOFF =
      new Backoff(Duration.ofMillis(100), Duration.ofMillis(400));

  @Test
  void retriedAddsAreCountedInCniAddTotal(@TempDir Path tmp) throws Exception {
    Path[] cni =
        Clusters.userCni(
            tmp, FlakyCniIT.class, "flaky-cni/flaky", "flaky-cni/conf/10-flaky.conflist");
    Path conf = cni[0];
    Path bin = cni[1];
    MachineSnapshot before = Clusters.snapshot(PREFIX, BASE);
    LocalClusterSpec spec =
        LocalClusterSpec.of(
                Clusters.fabric(PREFIX, BASE, 2).cni(CniSetup.userTemplate(conf, bin)).build())
            .withBackoff(BACKOFF);
    List<PodEvent> events = new ArrayList<>();
    Set<String> uids;
    try (LocalCluster c = LocalCluster.start(spec)) {
      var kube = c.client();
      // Control pods go through the same plugin, so they too come up only by being retried.
      Clusters.deployControlPlane(kube, c);
      kube.resource(
              new NamespaceBuilder().withNewMetadata().withName("flaky").endMetadata().build())
          .create();
      for (int i = 0; i < 4; i++) {
        kube.resource(NetperfPods.of("flaky", "fp-" + i)).create();
      }
      uids = new java.util.HashSet<>();
      for (int i = 0; i < 4; i++) {
        uids.add(
            Clusters.await(kube, "flaky", "fp-" + i, Clusters::running, Duration.ofSeconds(90))
                .getMetadata()
                .getUid());
      }
      MetricSource source = new DirectMetricSourceFactory().create(kube, Map.of());
      LocalClusterIT.collect(
          source,
          MetricSource.Cursor.START,
          events,
          ev -> LocalClusterIT.uids(ev, EventKind.NETWORK_READY).containsAll(uids));
    }
    assertThat(before.differences(Clusters.snapshot(PREFIX, BASE))).isEmpty();

    for (String uid : uids) {
      List<PodEvent> failed =
          events.stream()
              .filter(e -> e.uid().equals(uid) && e.kind() == EventKind.ADD_FAILED)
              .toList();
      assertThat(failed)
          .as("failed ADDs of %s", uid)
          .hasSize(FAILURES)
          .allSatisfy(e -> assertThat(e.error()).contains("injected failure"));
      assertThat(failed).extracting(PodEvent::attempt).containsExactly(1, 2);
      PodEvent add = LocalClusterIT.only(events, uid, EventKind.ADD);
      assertThat(add.attempt()).isEqualTo(FAILURES + 1);
      double cniAdd = add.seconds().get(MetricNames.CNI_ADD);
      double total = add.seconds().get(MetricNames.CNI_ADD_TOTAL);
      assertThat(total).isGreaterThan(cniAdd);
      // The kubelet waited at least 100 ms and 200 ms between the attempts.
      assertThat(total).isGreaterThanOrEqualTo(0.3);
      PodEvent ready = LocalClusterIT.only(events, uid, EventKind.NETWORK_READY);
      assertThat(ready.seconds().get(MetricNames.NETWORK_READY)).isGreaterThanOrEqualTo(total);
    }
  }
}
