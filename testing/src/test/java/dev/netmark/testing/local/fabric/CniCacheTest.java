package dev.netmark.testing.local.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache entries local mode reads back to DEL what a killed run added, in libcni's layout. */
class CniCacheTest {
  @Test
  void anEntryReadsBackAsWritten(@TempDir Path tmp) throws Exception {
    var result = CniNetwork.JSON.readTree("{\"cniVersion\":\"1.0.0\",\"ips\":[]}");
    CniCache.write(
        tmp, "net", "c1", "eth0", "/run/netns/x", "IgnoreUnknown=1;K8S_POD_NAME=p", result);
    Files.writeString(tmp.resolve(".tmp-c2"), "half written");

    var entries = CniCache.read(tmp);
    assertThat(entries).hasSize(1);
    CniCache e = entries.getFirst();
    assertThat(e.file()).isEqualTo(tmp.resolve("net-c1-eth0"));
    assertThat(e.network()).isEqualTo("net");
    assertThat(e.containerId()).isEqualTo("c1");
    assertThat(e.netns()).isEqualTo("/run/netns/x");
    assertThat(e.cniArgs()).isEqualTo("IgnoreUnknown=1;K8S_POD_NAME=p");
    assertThat(e.result()).isEqualTo(result);
    assertThat(e.pod()).isEqualTo("p");
    e.delete();
    assertThat(CniCache.read(tmp)).isEmpty();
    assertThat(CniCache.read(tmp.resolve("none"))).isEmpty();
  }
}
