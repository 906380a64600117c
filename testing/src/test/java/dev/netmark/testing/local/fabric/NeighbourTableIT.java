package dev.netmark.testing.local.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The real sysctls are read whole: {@code Files.readString} gives only their first byte, which once
 * restored the host's limits to 1 and 5 after a run.
 */
class NeighbourTableIT {
  @Test
  void readsTheKernelsValueAsSysctlDoes() throws Exception {
    for (String name : new String[] {"gc_thresh1", "gc_thresh2", "gc_thresh3"}) {
      Process p =
          new ProcessBuilder("sysctl", "-n", "net.ipv4.neigh.default." + name)
              .redirectErrorStream(true)
              .start();
      String expected = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).isZero();
      assertThat(NeighbourTable.read(Path.of("/proc/sys/net/ipv4/neigh/default", name)))
          .isEqualTo(Integer.parseInt(expected.strip()));
    }
  }
}
