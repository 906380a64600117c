package dev.netmark.testing.local.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.shim.state.AddAttempts;
import dev.netmark.shim.state.ShimState;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a killed run's shim left in flight, read back from its state for the next start's DEL. */
class InterruptedAddTest {
  @TempDir Path nodeDir;

  @Test
  void anAddInFlightIsFoundWithTheShimsCniArgsUnlessItsResultWasCached() {
    ShimState state = ShimState.open(nodeDir.resolve("shim"));
    state.startAttempt(
        "uid-a", 1, 1, "boot", new AddAttempts.InFlight("sb-a", "/run/netns/p-a", "ns1", "pod-a"));
    state.startAttempt(
        "uid-b", 1, 1, "boot", new AddAttempts.InFlight("sb-b", "/run/netns/p-b", "ns1", "pod-b"));
    state.startAttempt("uid-c", 1, 1, "boot"); // nothing in flight

    assertThat(InterruptedAdd.of(nodeDir, Set.of("sb-b")))
        .containsExactly(
            new InterruptedAdd(
                "sb-a",
                "/run/netns/p-a",
                "IgnoreUnknown=1;K8S_POD_NAMESPACE=ns1;K8S_POD_NAME=pod-a;"
                    + "K8S_POD_INFRA_CONTAINER_ID=sb-a;K8S_POD_UID=uid-a",
                "ns1/pod-a"));
  }

  @Test
  void aNodeWithoutShimStateHasNone() {
    assertThat(InterruptedAdd.of(nodeDir, Set.of())).isEmpty();
    assertThat(nodeDir.resolve("shim")).doesNotExist();
  }
}
