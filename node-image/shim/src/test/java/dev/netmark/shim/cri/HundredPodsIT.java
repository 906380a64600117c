package dev.netmark.shim.cri;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.shim.Shim;
import dev.netmark.shim.testing.NetperfNodeFixture;
import dev.netmark.shim.testing.Pods;
import dev.netmark.shim.testing.Sandboxes;
import dev.netmark.shim.testing.ShimHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * 100 netperf pods on one node through the shim's CRI socket, real bridge CNI: every pod's probes
 * finish network-ready, and the prober never starts a thread per pod or per check.
 */
class HundredPodsIT {
  private static final int PODS = 100;

  @Test
  void everyPodBecomesNetworkReadyOnOneProbeLoop() throws Exception {
    try (NetperfNodeFixture node = NetperfNodeFixture.create("hpd", 15);
        Shim shim = node.startShim();
        CriClient kubelet = CriClient.connect(node.shimSocket());
        ExecutorService kubeletWorkers = Executors.newFixedThreadPool(4)) {
      List<Future<?>> runs = new ArrayList<>();
      for (int i = 0; i < PODS; i++) {
        String uid = "0f9c1d2e-0000-4000-8000-%012d".formatted(1000 + i);
        String name = "pod-" + i;
        runs.add(
            kubeletWorkers.submit(
                () -> kubelet.runtime().runPodSandbox(Pods.run(Pods.netperf(name, uid)))));
      }
      int maxProbeThreads = 0;
      for (Future<?> f : runs) {
        f.get();
        maxProbeThreads = Math.max(maxProbeThreads, probeThreads());
      }
      ShimHttp http = new ShimHttp(shim.metricsPort());
      List<PodEvent> records = List.of();
      for (int i = 0; i < 600 && ready(records) < PODS; i++) {
        Thread.sleep(100);
        maxProbeThreads = Math.max(maxProbeThreads, probeThreads());
        records = http.records();
      }
      assertThat(ready(records)).as("pods network-ready").isEqualTo(PODS);
      assertThat(records).extracting(PodEvent::kind).doesNotContain(EventKind.PROBE_FAILED);
      // The loop, whatever the number of pods (the record writer is a virtual thread).
      assertThat(maxProbeThreads).isEqualTo(1);

      Sandboxes.stopAndRemoveAll(kubelet);
      assertThat(node.hostLocalAllocations()).isEmpty();
      assertThat(node.podNamespaces()).isEmpty();
    }
  }

  private static long ready(List<PodEvent> records) {
    return records.stream()
        .filter(e -> e.kind() == EventKind.NETWORK_READY)
        .map(PodEvent::uid)
        .collect(Collectors.toSet())
        .size();
  }

  /** Platform threads of the prober: the loop, plus any a per-pod design would add. */
  private static int probeThreads() {
    List<String> names =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !t.isVirtual() && t.isAlive())
            .map(Thread::getName)
            .filter(n -> n.startsWith("netmark-probe") || n.startsWith("probe-"))
            .toList();
    if (names.size() > 1) {
      System.out.println("probe threads: " + names);
    }
    return names.size();
  }
}
