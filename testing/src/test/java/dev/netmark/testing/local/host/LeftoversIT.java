package dev.netmark.testing.local.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.testing.local.Clusters;
import dev.netmark.testing.local.fabric.Fabric;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A run killed with SIGKILL leaves its network behind; the cleaner removes all of it. */
class LeftoversIT {
  private static final Path STATE = Path.of("/run/netmark-local");

  static MachineSnapshot snapshot() throws InterruptedException {
    return Clusters.snapshot(KillTarget.PREFIX, KillTarget.BASE);
  }

  @Test
  void killedRunIsCleanedByPrefix() throws Exception {
    MachineSnapshot before = snapshot();
    Process child = startKillTarget();
    try {
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

      assertThat(Leftovers.namespaces("nmk"))
          .contains(
              "nmk-fabric", "nmk-ext", "nmk-node1", "nmk-node2", "nmk-node1-ctl", "nmk-node2-ctl");
      List<MarkedProcesses.Marked> orphans = MarkedProcesses.find("nmk");
      assertThat(orphans)
          .extracting(MarkedProcesses.Marked::command)
          .containsExactlyInAnyOrder("iperf3 -s -p 5201", "iperf3 -s -p 5201");
      assertThat(before.differences(snapshot())).isNotEmpty();

      List<String> removed = Leftovers.clean("nmk", STATE);
      assertThat(removed)
          .contains(
              "network namespace nmk-node1",
              "network namespace nmk-fabric",
              "network namespace nmk-node2-ctl",
              "directory " + STATE.resolve("nmk"))
          .filteredOn(r -> r.startsWith("process "))
          .hasSize(2);
      assertThat(before.differences(snapshot())).isEmpty();
      assertThat(Leftovers.clean("nmk", STATE)).isEmpty();
    } finally {
      child.destroyForcibly();
      Leftovers.clean("nmk", STATE);
    }
  }

  @Test
  void createCleansAKilledRunWithTheSamePrefix() throws Exception {
    MachineSnapshot before = snapshot();
    Process child = startKillTarget();
    child.destroyForcibly();
    child.waitFor(30, TimeUnit.SECONDS);
    try (Fabric f = Fabric.create(KillTarget.fabric(1))) {
      assertThat(f.nodes()).hasSize(1);
      assertThat(Leftovers.namespaces("nmk"))
          .containsExactlyInAnyOrder("nmk-fabric", "nmk-ext", "nmk-node1");
      assertThat(MarkedProcesses.find("nmk")).isEmpty();
    } finally {
      Leftovers.clean("nmk", STATE);
    }
    assertThat(before.differences(snapshot())).isEmpty();
  }

  @Test
  void aLiveRunKeepsItsPrefix() throws Exception {
    Process child = startKillTarget();
    try {
      assertThatThrownBy(() -> Fabric.create(KillTarget.fabric(1)))
          .hasMessage(
              "a local run with prefix 'nmk' is still going (pid "
                  + child.pid()
                  + " holds /run/lock/netmark-local-nmk.lock): stop it or choose another prefix");
      // Refused before cleaning: the live run's network is untouched.
      assertThat(Leftovers.namespaces("nmk")).contains("nmk-node1", "nmk-node2", "nmk-node2-ctl");
      assertThat(MarkedProcesses.find("nmk")).hasSize(2);
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
      Leftovers.clean("nmk", STATE);
    }
  }

  /** Starts {@link KillTarget} in a new JVM and waits until its fabric is up. */
  private static Process startKillTarget() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                KillTarget.class.getName())
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line; (line = out.readLine()) != null; ) {
      seen.append(line).append('\n');
      if (line.equals(KillTarget.READY)) {
        // Keep draining so the child never blocks on a full pipe before it is killed.
        Thread.ofVirtual().start(() -> out.lines().forEach(l -> {}));
        return child;
      }
    }
    throw new AssertionError("kill target exited with " + child.waitFor() + ":\n" + seen);
  }
}
