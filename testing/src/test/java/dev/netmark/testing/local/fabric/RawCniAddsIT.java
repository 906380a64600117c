package dev.netmark.testing.local.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.testing.local.Clusters;
import dev.netmark.testing.local.host.HostException;
import dev.netmark.testing.local.host.MachineSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raw CNI ADD on a real one-node fabric: ADDs in parallel with a ping after each, every pod
 * DEL-ed afterwards; a chain that fails mid-way still DELs every pod it started, so no address
 * stays allocated.
 */
class RawCniAddsIT {
  private static final String PREFIX = "nmw";
  private static final int BASE = 204;
  private static final String NODE = PREFIX + "-node1";

  @Test
  void parallelAddsPingTheControlPodAndLeaveOnlyItBehind() throws Exception {
    MachineSnapshot before = Clusters.snapshot(PREFIX, BASE);
    try (Fabric f = Fabric.create(Clusters.fabric(PREFIX, BASE, 1).build())) {
      ControlPod ctl = f.startControlPod(NODE);
      try (RawCniAdds raw = f.rawAdds(NODE, "t", 3)) {
        List<RawCniAdds.Add> adds = raw.run(2, ctl.ip());
        assertThat(adds).hasSize(3);
        for (RawCniAdds.Add a : adds) {
          assertThat(a.addMillis()).as("ADD").isPositive();
          assertThat(a.pingStartMillis()).as("first echo after the ADD").isPositive();
          assertThat(a.pingMillis()).as("answer").isGreaterThanOrEqualTo(a.pingStartMillis());
        }
      }
      // The raw pods' addresses and cache entries are gone; the control pod's stay.
      assertThat(f.ipamAllocations()).hasSize(1);
      assertThat(CniCache.read(CniCache.fabricDir(f.nodes().getFirst()))).hasSize(1);
    }
    assertThat(before.differences(Clusters.snapshot(PREFIX, BASE))).isEmpty();
  }

  @Test
  void aChainThatFailsMidwayIsUndoneAndNamesThePlugin(@TempDir Path tmp) throws Exception {
    Path conf = Files.createDirectories(tmp.resolve("conf"));
    Files.writeString(
        conf.resolve("10-fail.conflist"),
        """
        {"cniVersion": "1.0.0", "name": "nmw-rawfail", "plugins": [
          {"type": "bridge", "bridge": "nmw-br", "isGateway": true,
           "ipam": {"type": "host-local", "dataDir": "${ipamDataDir}",
                    "ranges": [[{"subnet": "${podCidr}"}]]}},
          {"type": "fails"}]}
        """);
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    for (String real : List.of("bridge", "host-local", "loopback")) {
      Files.createSymbolicLink(bin.resolve(real), Path.of("/usr/lib/cni", real));
    }
    Files.writeString(
        bin.resolve("fails"),
        """
        #!/bin/bash
        cat >/dev/null
        case $CNI_COMMAND in
          VERSION) echo '{"cniVersion":"1.0.0","supportedVersions":["1.0.0"]}' ;;
          ADD) echo '{"code":999,"msg":"fails: no ADD on purpose"}'; exit 1 ;;
        esac
        """);
    bin.resolve("fails").toFile().setExecutable(true);
    MachineSnapshot before = Clusters.snapshot(PREFIX, BASE);
    try (Fabric f =
        Fabric.create(
            Clusters.fabric(PREFIX, BASE, 1).cni(CniSetup.userTemplate(conf, bin)).build())) {
      try (RawCniAdds raw = f.rawAdds(NODE, "f", 3)) {
        assertThatThrownBy(() -> raw.run(1, null))
            .isInstanceOf(HostException.class)
            .hasMessageContaining("ADD of pod 0: plugin fails failed")
            .hasMessageContaining("fails: no ADD on purpose");
      }
      // The bridge plugin's address for the first pod was released by its DEL.
      assertThat(f.ipamAllocations()).isEmpty();
      assertThat(CniCache.read(CniCache.fabricDir(f.nodes().getFirst()))).isEmpty();
    }
    assertThat(before.differences(Clusters.snapshot(PREFIX, BASE))).isEmpty();
  }
}
