package dev.netmark.testing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.netmark.fixtures.NetperfPods;
import dev.netmark.testing.local.host.MachineSnapshot;
import dev.netmark.testing.local.kubelet.Backoff;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A node's shim killed with kill -9 right before teardown, with its pods deleted as the engine's
 * cleanup deletes them: the teardown starts the shim again, so every pod gets its StopPodSandbox
 * and RemovePodSandbox (the CNI DEL) through it, and nothing is force-removed.
 */
class TeardownThroughShimsIT {
  private static final String PREFIX = "nmtd";
  private static final int BASE = 190;
  private static final String NODE = PREFIX + "-node2";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  @Test
  void aShimDeadAtTeardownIsStartedAgainAndEveryPodsDelRunsThroughIt() throws Exception {
    MachineSnapshot before = Clusters.snapshot(PREFIX, BASE);
    // The supervisor would wait 10 minutes before restarting a dead shim: only teardown revives it.
    Backoff never = new Backoff(Duration.ofMinutes(10), Duration.ofMinutes(10));
    LocalCluster c =
        LocalCluster.start(
            LocalClusterSpec.of(Clusters.fabric(PREFIX, BASE, 3).build())
                .withRestarts(new RestartPolicy(never, 5)));
    boolean closed = false;
    try {
      KubernetesClient kube = c.client();
      kube.resource(new NamespaceBuilder().withNewMetadata().withName("tdt").endMetadata().build())
          .create();
      for (int i = 0; i < 6; i++) {
        kube.resource(NetperfPods.of("tdt", "np-" + i)).create();
      }
      for (int i = 0; i < 6; i++) {
        Clusters.await(kube, "tdt", "np-" + i, Clusters::running, READY_TIMEOUT);
      }
      // The scheduler spreads 6 pods over 3 nodes: 2 on the node whose shim dies.
      assertThat(cachedResults(c, NODE)).isEqualTo(2);

      ProcessHandle shim = ProcessHandle.of(c.shimPid(NODE)).orElseThrow();
      shim.destroyForcibly();
      shim.onExit().get(30, TimeUnit.SECONDS);
      kube.namespaces().withName("tdt").delete();
      Clusters.awaitValue(
          () -> kube.pods().inNamespace("tdt").list().getItems().isEmpty() ? "gone" : null,
          Duration.ofSeconds(30));
      // The pods are gone from the API, but the dead shim could not run their DEL: each still has
      // its cached ADD result, which only a DEL removes.
      assertThat(cachedResults(c, NODE)).isEqualTo(2);

      closed = true;
      // A result still cached at teardown would be DEL-ed from the cache and fail close() as a
      // forced removal; so would an address left in host-local or a namespace left to sweep.
      assertThatCode(c::close).doesNotThrowAnyException();
    } finally {
      if (!closed) {
        c.close();
      }
    }
    assertThat(before.differences(Clusters.snapshot(PREFIX, BASE))).isEmpty();
  }

  /** The CNI ADD results the node's shim has cached (libcni's cache: one file per pod). */
  private static long cachedResults(LocalCluster c, String node) throws IOException {
    Path dir = c.runDir().resolve(node).resolve("shim").resolve("cni-results");
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).count();
    }
  }
}
