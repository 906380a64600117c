package dev.netmark.testing.local.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostLocalStoreTest {
  @Test
  void onlyAddressFilesAreAllocationsAndReleaseKeepsTheRest(@TempDir Path tmp) throws Exception {
    Path store = Files.createDirectories(tmp.resolve("net"));
    Files.writeString(store.resolve("10.240.1.2"), "abc123\r\neth0");
    Files.writeString(store.resolve("fd00::5"), "def456\r\neth0");
    Files.writeString(store.resolve("last_reserved_ip.0"), "10.240.1.2");
    Files.writeString(store.resolve("lock"), "");

    assertThat(HostLocalStore.allocations(store))
        .containsExactly(
            store.resolve("10.240.1.2") + " abc123", store.resolve("fd00::5") + " def456");
    assertThat(HostLocalStore.allAllocations(tmp)).hasSize(2);
    assertThat(HostLocalStore.release(store)).hasSize(2);
    assertThat(HostLocalStore.allocations(store)).isEmpty();
    assertThat(store.resolve("last_reserved_ip.0")).exists();
    assertThat(HostLocalStore.allocations(tmp.resolve("missing"))).isEmpty();
    assertThat(HostLocalStore.of(null, "n")).isEqualTo(Path.of("/var/lib/cni/networks/n"));
  }
}
