package dev.netmark.testing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.Baseline;
import dev.netmark.testing.local.host.Exec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine reference on this machine: real bare ADDs in scratch namespaces, then nothing left.
 */
class MachineSpeedIT {
  private static final String PREFIX = "nmmsit";

  @TempDir Path runDir;

  @Test
  void timesBareAddsUntilStoppedAndLeavesNothingBehind() throws Exception {
    MachineSpeed m = MachineSpeed.start(PREFIX, runDir, new PodWork());
    for (int i = 0; i < 600 && m.timed() < 2; i++) {
      Thread.sleep(100);
    }
    Baseline b = m.stop();

    assertThat(b.side()).isEqualTo(Baseline.MACHINE);
    assertThat(b.metric()).isEqualTo("machine_add");
    assertThat(b.how())
        .startsWith("a bare bridge + host-local ADD")
        .doesNotContain("stopped")
        .contains("all " + b.samples().size() + " kept");
    assertThat(b.samples())
        .hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(v -> assertThat(v).isPositive());
    assertThat(Exec.check("ip", "netns", "list").stdout()).doesNotContain(PREFIX + "-mref");
    assertThat(Files.exists(runDir.resolve("machine-reference-ipam"))).isFalse();
  }

  /**
   * What the teardown does when the test never asked for the reference: close at any moment, then
   * the fabric's sweep must find nothing of it (CI saw both namespaces force-removed when close
   * interrupted the thread's own clean-up).
   */
  @Test
  void closeMidAddWaitsForItsCleanUp() throws Exception {
    for (int round = 0; round < 5; round++) {
      MachineSpeed m = MachineSpeed.start(PREFIX, runDir, new PodWork());
      for (int i = 0; i < 600 && m.timed() < 1; i++) {
        Thread.sleep(10);
      }
      Thread.sleep(round * 37L); // lands anywhere in the ADD, the DEL or the pause
      m.close();

      assertThat(Exec.check("ip", "netns", "list").stdout())
          .as("round %d", round)
          .doesNotContain(PREFIX + "-mref");
      assertThat(Files.exists(runDir.resolve("machine-reference-ipam"))).isFalse();
    }
  }
}
