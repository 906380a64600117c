package dev.netmark.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PodEventTest {

  @Test
  void withIdentityPassesOnlyTheIdentityStringsThroughTheInterner() {
    PodEvent event =
        new PodEvent(
            3,
            EventKind.ADD,
            "node-1",
            "ns-1",
            "pod-1",
            "uid-1",
            "10.1.0.5",
            2,
            1_000L,
            Map.of("cni_add", 0.031),
            "boom",
            Map.of());

    PodEvent upper = event.withIdentity(s -> s == null ? null : s.toUpperCase());

    assertThat(upper)
        .isEqualTo(
            new PodEvent(
                3,
                EventKind.ADD,
                "NODE-1",
                "NS-1",
                "POD-1",
                "UID-1",
                "10.1.0.5".toUpperCase(),
                2,
                1_000L,
                Map.of("cni_add", 0.031),
                "boom",
                Map.of()));
  }
}
