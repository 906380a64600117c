package dev.netmark.testing.local.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineSnapshotTest {
  @Test
  void differencesNameAspectAndDirection() {
    MachineSnapshot before =
        new MachineSnapshot(Map.of("netns", List.of("a", "b"), "link", List.of("eth0")));
    MachineSnapshot after =
        new MachineSnapshot(Map.of("netns", List.of("b", "nml-node1"), "link", List.of("eth0")));
    assertThat(before.differences(after)).containsExactly("+ netns: nml-node1", "- netns: a");
    assertThat(before.differences(before)).isEmpty();
  }

  @Test
  void filterKeepsOnlyMatchingLines() {
    MachineSnapshot s =
        new MachineSnapshot(
            Map.of(
                "netns",
                List.of("other-1", "nml-node1"),
                "route",
                List.of("10.240.1.0/24 dev nml-host")));
    MachineSnapshot f = s.filter(l -> l.contains("nml-"));
    assertThat(f.aspects())
        .containsEntry("netns", List.of("nml-node1"))
        .containsEntry("route", List.of("10.240.1.0/24 dev nml-host"));
  }

  @Test
  void readsLinkNamesWithoutPeers() {
    String out =
        "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue\\    link/loopback 00:00\n"
            + "7: nml-host@if2: <BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue link-netns"
            + " nml-fabric\n";
    assertThat(Leftovers.linkNames(out)).containsExactly("lo", "nml-host");
  }

  /**
   * Another run removes its state directory while a snapshot walks the state root (the integration
   * tests run two at a time): what went is not listed, and the walk goes on.
   */
  @Test
  void filesRemovedDuringTheWalkAreLeftOut(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("mine"));
    Files.writeString(root.resolve("mine/kept"), "x");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger churned = new AtomicInteger();
    AtomicReference<Throwable> churnFailed = new AtomicReference<>();
    Thread other =
        Thread.ofPlatform()
            .start(
                () -> {
                  Path run = root.resolve("theirs");
                  try {
                    while (!stop.get()) {
                      for (int i = 0; i < 20; i++) {
                        Files.createDirectories(run.resolve("node" + i));
                        Files.writeString(run.resolve("node" + i + "/records.jsonl"), "{}");
                      }
                      Leftovers.deleteTree(run);
                      churned.incrementAndGet();
                    }
                  } catch (IOException | RuntimeException e) {
                    churnFailed.set(e);
                  }
                });
    try {
      for (int i = 0; i < 2000; i++) {
        assertThat(MachineSnapshot.files(root))
            .contains(root.toString(), root.resolve("mine/kept").toString());
      }
    } finally {
      stop.set(true);
      other.join();
    }
    // The walks above raced another run's directories only if that run kept going.
    assertThat(churnFailed.get()).isNull();
    assertThat(churned.get()).isPositive();
  }
}
