package dev.netmark.testing.local.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
