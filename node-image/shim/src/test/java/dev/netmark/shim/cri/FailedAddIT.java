package dev.netmark.shim.cri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import dev.netmark.shim.Shim;
import dev.netmark.shim.testing.NetperfNodeFixture;
import dev.netmark.shim.testing.Pods;
import dev.netmark.shim.testing.ShimHttp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A CNI ADD that fails once: the failure reaches kubelet with the plugin's message, is recorded and
 * undone; kubelet's retry for the same pod UID succeeds and its {@code cni_add_total} runs from the
 * first attempt.
 */
class FailedAddIT {
  private static final String UID = "0f9c1d2e-0000-4000-8000-0000000000f1";
  private static final long RETRY_GAP_MS = 300;

  @Test
  void retryIsCountedFromTheFirstAttempt() throws Exception {
    try (NetperfNodeFixture node = NetperfNodeFixture.create("fail", 13, true);
        Shim shim = node.startShim();
        CriClient kubelet = CriClient.connect(node.shimSocket())) {
      var run = Pods.run(Pods.netperf("pod-f", UID));
      assertThatThrownBy(() -> kubelet.runtime().runPodSandbox(run))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
                assertThat(e.getStatus().getDescription())
                    .contains(
                        "failed to setup network for sandbox", "nmcri flaky: first attempt fails");
              });
      // The failed attempt left nothing: its namespace and its address are gone.
      assertThat(node.podNamespaces()).isEmpty();
      assertThat(node.hostLocalAllocations()).isEmpty();
      assertThat(node.podVeths()).isEmpty();

      Thread.sleep(RETRY_GAP_MS);
      String id = kubelet.runtime().runPodSandbox(run).getPodSandboxId();
      assertThat(id).matches("[0-9a-f]{64}");

      List<PodEvent> events =
          new ShimHttp(shim.metricsPort())
              .records().stream().filter(e -> e.uid().equals(UID)).toList();
      assertThat(events).extracting(PodEvent::kind).startsWith(EventKind.ADD_FAILED, EventKind.ADD);
      PodEvent failed = events.get(0);
      assertThat(failed.attempt()).isEqualTo(1);
      assertThat(failed.error()).contains("nmcri flaky: first attempt fails");
      PodEvent added = events.get(1);
      assertThat(added.attempt()).isEqualTo(2);
      double cniAdd = added.seconds().get(MetricNames.CNI_ADD);
      double total = added.seconds().get(MetricNames.CNI_ADD_TOTAL);
      // The total holds the failed attempt and the gap before the retry; the last ADD does not.
      assertThat(total).isGreaterThan(cniAdd + Duration.ofMillis(RETRY_GAP_MS).toNanos() / 1e9);
      assertThat(new ShimHttp(shim.metricsPort()).metrics())
          .contains("netmark_cni_add_attempts_total{result=\"failure\"} 1.0")
          .contains("netmark_cni_add_attempts_total{result=\"success\"} 1.0");
    }
  }
}
