package dev.netmark.measurements.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.fixtures.MockApiServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The real list + watch against fabric8's mock API server (CRUD mode, real HTTP and watches). */
class PodDirectoryTest {
  /** Creates a netperf pod with a {@code group} label; the server assigns uid and creation time. */
  private static Pod pod(KubernetesClient kube, String namespace, String name, String group) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .addToLabels("netperf", "true")
            .addToLabels("group", group)
            .endMetadata()
            .build();
    return kube.resource(pod).create();
  }

  @Test
  void remembersPodsCreatedAndDeletedBetweenStartAndGather() throws InterruptedException {
    try (MockApiServer api = MockApiServer.start()) {
      Pod before = pod(api.client(), "nm-1", "before", "a");
      pod(api.client(), "nm-1", "other-group", "b");
      try (PodDirectory d = PodDirectory.start(api.client(), "group=a")) {
        Pod churned = pod(api.client(), "nm-1", "churned", "a");
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
