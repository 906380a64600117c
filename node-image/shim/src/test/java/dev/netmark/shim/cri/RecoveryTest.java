package dev.netmark.shim.cri;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.shim.netns.NetNamespaces;
import dev.netmark.shim.state.AddAttempts.InFlight;
import dev.netmark.shim.state.PodIdentity;
import dev.netmark.shim.state.SandboxEntry;
import dev.netmark.shim.state.ShimState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sandbox whose state file is lost comes back from the CNI cache, so its DEL still runs. */
class RecoveryTest {
  private static final Path FIXTURES = Path.of("src/test/resources/faults");
  private static final String ID = "ee".repeat(32);

  @TempDir Path dir;

  @Test
  void aQuarantinedSandboxIsRebuiltFromItsCniCacheEntry() throws Exception {
    ShimState.open(dir);
    Files.copy(FIXTURES.resolve("corrupt-sandbox.json"), dir.resolve("sandboxes/" + ID + ".json"));
    Path cache = Files.createDirectories(dir.resolve("cni-results"));
    Files.copy(
        FIXTURES.resolve("cni-cache-entry.json"), cache.resolve("netmark-test-" + ID + "-eth0"));
    ShimState state = ShimState.open(dir);

    int rebuilt =
        Recovery.rebuildQuarantined(
            state,
            cache,
            new NetNamespaces(Files.createDirectories(dir.resolve("netns"))),
            "netmark-");

    assertThat(rebuilt).isEqualTo(1);
    SandboxEntry s = state.sandbox(ID).orElseThrow();
    assertThat(s.pod()).isEqualTo(new PodIdentity("ns1", "pod-x", "uid-x", 0));
    assertThat(s.ip()).isEqualTo("10.201.0.7");
    assertThat(s.netnsPath()).isEqualTo("/run/netns/netmark-eeeeeeeeeeeeeeee");
    assertThat(s.networkDeleted()).isFalse();
    assertThat(SandboxTeardown.request(s).cniArgs()).contains("K8S_POD_UID=uid-x");
    assertThat(ShimState.open(dir).sandbox(ID)).isPresent(); // written back: survives a restart
  }

  @Test
  void withoutACacheEntryNothingIsRebuiltAndALeftNamespaceGoes() throws Exception {
    ShimState.open(dir);
    Files.copy(FIXTURES.resolve("corrupt-sandbox.json"), dir.resolve("sandboxes/" + ID + ".json"));
    ShimState state = ShimState.open(dir);
    int rebuilt =
        Recovery.rebuildQuarantined(
            state,
            dir.resolve("cni-results"),
            new NetNamespaces(Files.createDirectories(dir.resolve("netns"))),
            "netmark-");
    assertThat(rebuilt).isZero();
    assertThat(state.sandboxes()).isEmpty();
  }

  @Test
  void anAddTheLastShimDiedDuringIsUndoneOnceAndOnlyIt() throws Exception {
    ShimState first = ShimState.open(dir);
    String dead = "dd".repeat(32);
    String stored = "ab".repeat(32);
    first.startAttempt(
        "uid-dead", 1, 1, "boot-1", new InFlight(dead, "/run/netns/netmark-dd", "ns1", "pod-d"));
    first.startAttempt(
        "uid-stored",
        1,
        1,
        "boot-1",
        new InFlight(stored, "/run/netns/netmark-ab", "ns1", "pod-s"));
    first.add(
        new SandboxEntry(
            stored,
            new PodIdentity("ns1", "pod-s", "uid-stored", 0),
            Map.of(),
            Map.of(),
            "",
            1,
            "/run/netns/netmark-ab",
            "10.201.0.8",
            "{}",
            Map.of(),
            1,
            true,
            false,
            List.of()));
    first.startAttempt("uid-old", 1, 1, "boot-1"); // a file of a shim before in-flight attempts
    ShimState state = ShimState.open(dir); // the restart

    List<String> undone = new ArrayList<>();
    int n =
        Recovery.undoInterruptedAdds(
            state,
            (attempts, cni, netns) ->
                undone.add(
                    attempts.attempts()
                        + " "
                        + cni.containerId()
                        + " "
                        + netns
                        + " "
                        + cni.cniArgs()));

    assertThat(n).isEqualTo(1);
    assertThat(undone)
        .containsExactly(
            "1 "
                + dead
                + " netmark-dd IgnoreUnknown=1;K8S_POD_NAMESPACE=ns1;K8S_POD_NAME=pod-d;"
                + "K8S_POD_INFRA_CONTAINER_ID="
                + dead
                + ";K8S_POD_UID=uid-dead");
    assertThat(state.attempts("uid-dead").orElseThrow().attempts()).isEqualTo(1);
    assertThat(ShimState.open(dir).interruptedAdds()).isEmpty(); // settled, also on disk
  }
}
