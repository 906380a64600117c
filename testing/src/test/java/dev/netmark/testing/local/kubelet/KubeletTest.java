package dev.netmark.testing.local.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Housekeeping stops the pods the API server no longer has, whatever became of their events. */
class KubeletTest {
  private static Pod pod(String uid) {
    return new PodBuilder().withNewMetadata().withUid(uid).withName(uid).endMetadata().build();
  }

  @Test
  void podsRunningHereThatTheStoreLacksAreGone() {
    assertThat(Kubelet.gone(Set.of("a", "b", "c"), () -> List.of(pod("a"), pod("c"), pod("x"))))
        .containsExactly("b");
    assertThat(Kubelet.gone(Set.of("a"), () -> List.of(pod("a")))).isEmpty();
  }

  @Test
  void aPodStartedWhileTheStoreIsReadIsNotGone() {
    // The workers' live key set, as housekeeping passes it; a pod arrives while the store is read:
    // the store had no "new" yet when read, its handler then started a worker for it.
    Set<String> running = ConcurrentHashMap.newKeySet();
    running.add("old");
    Supplier<List<Pod>> store =
        () -> {
          List<Pod> read = List.of(pod("old"));
          running.add("new");
          return read;
        };

    assertThat(Kubelet.gone(running, store)).isEmpty();
  }
}
