package dev.netmark.shim.cri;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.shim.netns.NetNamespaces;
import dev.netmark.shim.state.PodIdentity;
import dev.netmark.shim.state.SandboxEntry;
import dev.netmark.shim.state.ShimState;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
