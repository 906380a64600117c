package dev.netmark.shim.cri;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.shim.Shim;
import dev.netmark.shim.testing.NetperfNodeFixture;
import dev.netmark.shim.testing.Pods;
import dev.netmark.shim.testing.Sandboxes;
import dev.netmark.shim.testing.ShimHttp;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A shim stopped while its pods are still probing (the external target never answers) and started
 * again: every such pod gets a PROBE_FAILED that says the shim restarted, so nothing waits on a pod
 * that will never report again, and a pod that was already network-ready stays so.
 */
class RestartMidProbeIT {
  private static final String READY = "0f9c1d2e-0000-4000-8000-0000000000c1";
  private static final String PROBING_1 = "0f9c1d2e-0000-4000-8000-0000000000c2";
  private static final String PROBING_2 = "0f9c1d2e-0000-4000-8000-0000000000c3";

  @Test
  void podsCutShortByARestartAreFailedWithTheReason() throws Exception {
    try (NetperfNodeFixture node = NetperfNodeFixture.create("rmp", 14)) {
      String targets = Files.readString(node.shimOptions().probeTargetsFile());
      try (Shim first = node.startShim();
          CriClient kubelet = CriClient.connect(node.shimSocket())) {
        kubelet.runtime().runPodSandbox(Pods.run(Pods.netperf("pod-ready", READY)));
        waitFor(new ShimHttp(first.metricsPort()), READY, EventKind.NETWORK_READY);
      }
      // From now on the external class aims at an address nobody holds, for a minute.
      String unreachable =
          targets
              .replace("\"externalIp\":\"10.202.14.1\"", "\"externalIp\":\"10.202.14.77\"")
              .replace("\"timeoutMs\":20000", "\"timeoutMs\":60000");
      assertThat(unreachable).contains("10.202.14.77").contains("60000");
      Files.writeString(node.shimOptions().probeTargetsFile(), unreachable);
      try (Shim probing = node.startShim();
          CriClient kubelet = CriClient.connect(node.shimSocket())) {
        kubelet.runtime().runPodSandbox(Pods.run(Pods.netperf("pod-p1", PROBING_1)));
        kubelet.runtime().runPodSandbox(Pods.run(Pods.netperf("pod-p2", PROBING_2)));
        waitFor(new ShimHttp(probing.metricsPort()), PROBING_2, EventKind.PROBE);
      }
      try (Shim second = node.startShim();
          CriClient kubelet = CriClient.connect(node.shimSocket())) {
        List<PodEvent> records = new ShimHttp(second.metricsPort()).records();
        for (String uid : List.of(PROBING_1, PROBING_2)) {
          List<PodEvent> failed =
              records.stream()
                  .filter(e -> e.uid().equals(uid) && e.kind() == EventKind.PROBE_FAILED)
                  .toList();
          assertThat(failed).as("PROBE_FAILED of %s", uid).hasSize(1);
          assertThat(failed.get(0).error())
              .startsWith("external: shim restarted before every probe class was answered");
        }
        assertThat(records)
            .filteredOn(e -> e.uid().equals(READY))
            .extracting(PodEvent::kind)
            .contains(EventKind.NETWORK_READY)
            .doesNotContain(EventKind.PROBE_FAILED);
        Sandboxes.stopAndRemoveAll(kubelet);
        assertThat(node.podNamespaces()).isEmpty();
      }
    }
  }

  private static void waitFor(ShimHttp http, String uid, EventKind kind) throws Exception {
    for (int i = 0; i < 300; i++) {
      if (http.records().stream().anyMatch(e -> e.uid().equals(uid) && e.kind() == kind)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + kind + " for " + uid + " within 30 s");
  }
}
