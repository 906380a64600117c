package dev.netmark.measurements.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The real list + watch against fabric8's mock API server (CRUD mode, real HTTP and watches). */
class PodDirectoryTest {
  @Test
  void remembersPodsCreatedAndDeletedBetweenStartAndGather() throws InterruptedException {
    try (MockApi api = new MockApi()) {
      Pod before = api.pod("nm-1", "before", "ignored", 0, "a");
      api.pod("nm-1", "other-group", "ignored", 0, "b");
      try (PodDirectory d = PodDirectory.start(api.client(), "group=a")) {
        Pod churned = api.pod("nm-1", "churned", "ignored", 0, "a");
        api.client().resource(churned).delete();
        String churnedUid = churned.getMetadata().getUid();
        // Waits for the watch to deliver; a bound, not a timing assertion.
        for (int i = 0; i < 200 && !d.uidsIn(Set.of("nm-1")).contains(churnedUid); i++) {
          Thread.sleep(50);
        }
        Set<String> existing = d.refresh();

        assertThat(d.uidsIn(Set.of("nm-1")))
            .containsExactlyInAnyOrder(before.getMetadata().getUid(), churnedUid);
        assertThat(d.uidsIn(Set.of("nm-2"))).isEmpty();
        assertThat(existing).containsExactly(before.getMetadata().getUid());
        assertThat(d.createdMs(before.getMetadata().getUid()).getAsLong())
            .isEqualTo(Instant.parse(before.getMetadata().getCreationTimestamp()).toEpochMilli());
      }
    }
  }
}
