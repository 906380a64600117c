package dev.netmark.engine.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.fixtures.MockApiServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PodTrackerTest {
  private static final long CREATED = Instant.parse("2025-03-01T10:00:00Z").toEpochMilli();
  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2025-03-01T10:00:07Z"));

  private static Pod pod(String ns, String name, Map<String, String> labels) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("c")
        .withImage("i")
        .endContainer()
        .endSpec()
        .build();
  }

  private static Pod running(Pod pod) {
    return new PodBuilder(pod)
        .editSpec()
        .withNodeName("node-3")
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .addNewCondition()
        .withType("PodScheduled")
        .withStatus("True")
        .withLastTransitionTime("2025-03-01T10:00:01Z")
        .endCondition()
        .addNewContainerStatus()
        .withName("c")
        .withNewState()
        .withNewRunning()
        .withStartedAt("2025-03-01T10:00:04Z")
        .endRunning()
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }

  @Test
  void observeKeepsFirstSeenTimesAndFillsInLaterFacts() {
    Interner interner = new Interner();
    Pod pending = pod("ns", "p", Map.of());
    pending.getMetadata().setUid("0c2f6e0a-2a4f-4bd4-9f39-1b4a3c7d9e11");
    pending.getMetadata().setCreationTimestamp("2025-03-01T10:00:00Z");
    PodState first = PodState.observe(pending, null, 1000, interner);
    assertThat(first.phase()).isEqualTo(PodState.Phase.PENDING);
    assertThat(first.createdMillis()).isEqualTo(CREATED);
    assertThat(first.firstSeenMillis()).isEqualTo(1000);
    assertThat(first.watchRunningMillis()).isZero();

    PodState later = PodState.observe(running(pending), first, 5000, interner);
    assertThat(later.uid()).isEqualTo("0c2f6e0a-2a4f-4bd4-9f39-1b4a3c7d9e11");
    assertThat(later.phase()).isEqualTo(PodState.Phase.RUNNING);
    assertThat(later.node()).isEqualTo("node-3");
    assertThat(later.firstSeenMillis()).isEqualTo(1000);
    assertThat(later.scheduledMillis()).isEqualTo(CREATED + 1000);
    assertThat(later.runningMillis()).isEqualTo(CREATED + 4000);
    assertThat(later.watchRunningMillis()).isEqualTo(5000);
    assertThat(PodState.observe(running(pending), later, 9000, interner).watchRunningMillis())
        .isEqualTo(5000);
    assertThat(later.deletedAt(7000).deletedMillis()).isEqualTo(7000);

    Pod recreated = running(pending);
    recreated.getMetadata().setUid("9d6f2b1c-0000-4000-8000-000000000001");
    assertThat(PodState.observe(recreated, later, 8000, interner).firstSeenMillis())
        .as("a new UID under the same name is a new pod")
        .isEqualTo(8000);
  }

  @Test
  void tracksSelectedPodsThroughWatchEvents() throws Exception {
    try (MockApiServer api = MockApiServer.start()) {
      KubernetesClient kube = api.client();
      kube.pods().inNamespace("a").resource(pod("a", "early", Map.of("netperf", "true"))).create();
      List<PodState> changes = new CopyOnWriteArrayList<>();
      try (PodTracker tracker =
          PodTracker.start(
              kube,
              List.of("a", "b"),
              "netperf=true",
              CLOCK,
              (before, after) -> changes.add(after))) {
        kube.pods().inNamespace("b").resource(pod("b", "p1", Map.of("netperf", "true"))).create();
        kube.pods().inNamespace("b").resource(pod("b", "other", Map.of("app", "x"))).create();
        kube.pods().inNamespace("c").resource(pod("c", "p2", Map.of("netperf", "true"))).create();
        assertThat(tracker.awaitCount(p -> true, 2, Duration.ofSeconds(20))).isTrue();

        Pod p1 = kube.pods().inNamespace("b").withName("p1").get();
        kube.pods().inNamespace("b").resource(running(p1)).update();
        assertThat(
                tracker.awaitCount(
                    p -> p.phase() == PodState.Phase.RUNNING, 1, Duration.ofSeconds(20)))
            .isTrue();
        kube.pods().inNamespace("a").withName("early").delete();
        assertThat(tracker.awaitCount(PodState::deleted, 1, Duration.ofSeconds(20))).isTrue();

        assertThat(tracker.size()).isEqualTo(2);
        assertThat(tracker.get("b", "other")).isNull();
        assertThat(tracker.get("c", "p2")).isNull();
        PodState running = tracker.get("b", "p1");
        assertThat(running.node()).isEqualTo("node-3");
        assertThat(running.runningMillis()).isEqualTo(CREATED + 4000);
        assertThat(running.watchRunningMillis()).isEqualTo(CLOCK.millis());
        assertThat(tracker.get("a", "early").deletedMillis()).isEqualTo(CLOCK.millis());
        assertThat(tracker.awaitCount(p -> true, 3, Duration.ofMillis(200))).isFalse();
        assertThat(changes).extracting(PodState::name).contains("early", "p1");
      }
    }
  }

  @Test
  void aRelistMarksPodsDeletedWhileTheWatchWasDownAsDeleted() throws Exception {
    try (MockApiServer api = MockApiServer.start()) {
      KubernetesClient kube = api.client();
      for (String name : List.of("gone", "kept")) {
        kube.pods().inNamespace("a").resource(pod("a", name, Map.of("netperf", "true"))).create();
      }
      kube.pods()
          .inNamespace("b")
          .resource(pod("b", "elsewhere", Map.of("netperf", "true")))
          .create();
      PodTracker tracker = new PodTracker(CLOCK, (before, after) -> {});
      // What the first list and watch saw, before the watch of "a" went down.
      tracker.observe(kube.pods().inNamespace("a").withName("gone").get());
      tracker.observe(kube.pods().inNamespace("a").withName("kept").get());
      tracker.observe(kube.pods().inNamespace("b").withName("elsewhere").get());
      kube.pods().inNamespace("a").withName("gone").delete(); // its DELETED event is lost

      PodWatch again = new PodWatch(kube, "a", "netperf=true", tracker);
      again.start(); // what PodWatch.restart does: list, then watch
      try {
        // Before: "gone" stayed tracked as alive, and waitForNetworkReady waited for it.
        assertThat(tracker.get("a", "gone").deleted()).isTrue();
        assertThat(tracker.get("a", "gone").deletedMillis()).isEqualTo(CLOCK.millis());
        assertThat(tracker.get("a", "kept").deleted()).isFalse();
        assertThat(tracker.get("b", "elsewhere").deleted()).isFalse(); // another namespace's watch
        assertThat(tracker.count(PodState::deleted)).isEqualTo(1);
      } finally {
        again.close();
      }
    }
  }
}
