package dev.netmark.engine.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.MetricSource.Coverage;
import dev.netmark.api.MetricSource.Cursor;
import dev.netmark.api.MetricSource.EventBatch;
import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pod names are never reused; readiness comes from the shims' events, for live pods only. */
class TierPodsTest {
  static EventBatch batch(PodEvent... events) {
    return new EventBatch(true, List.of(events), Cursor.START, new Coverage(1, Map.of()));
  }

  static PodEvent event(EventKind kind, String ns, String name, String ip) {
    return new PodEvent(0, kind, "n1", ns, name, ns + "/" + name, ip, 1, 0, null, null, null);
  }

  @Test
  void namesGoOnCountingAfterPodsLeave() {
    TierPods pods = new TierPods();
    assertThat(pods.add("ns", "api", 3)).containsExactly("api-0", "api-1", "api-2");
    assertThat(pods.remove("ns", "api", 2, true)).containsExactly("api-0", "api-1");
    assertThat(pods.add("ns", "api", 2)).containsExactly("api-3", "api-4");
    assertThat(pods.remove("ns", "api", 1, false)).containsExactly("api-4");
    assertThat(pods.live("ns", "api")).containsExactly("api-2", "api-3");
    assertThat(pods.add("other", "api", 1)).containsExactly("api-0");
  }

  @Test
  void readyIpsAreThoseOfLivePodsReportedNetworkReady() {
    TierPods pods = new TierPods();
    pods.add("ns", "api", 3);
    pods.add(
        batch(
            event(EventKind.ADD, "ns", "api-0", "10.0.0.1"),
            event(EventKind.NETWORK_READY, "ns", "api-1", "10.0.0.2"),
            event(EventKind.NETWORK_READY, "ns", "api-2", "10.0.0.3"),
            event(EventKind.NETWORK_READY, "ns", "netperf-pod-0", "10.0.0.9")));
    assertThat(pods.readyIps("ns", "api")).as("containers not seen running yet").isEmpty();
    pods.running(java.util.Set.of("ns/api-1", "ns/api-2", "ns/netperf-pod-0"));
    assertThat(pods.readyIps("ns", "api")).containsExactly("10.0.0.2", "10.0.0.3");
    assertThat(pods.isReady("ns", "netperf-pod-0")).isFalse();
    pods.add(batch(event(EventKind.DEL, "ns", "api-2", "10.0.0.3")));
    assertThat(pods.readyIps("ns", "api")).containsExactly("10.0.0.2");
    pods.remove("ns", "api", 2, true);
    assertThat(pods.readyIps("ns", "api")).isEmpty();
    assertThat(pods.isReady("ns", "api-1")).isFalse();
  }
}
