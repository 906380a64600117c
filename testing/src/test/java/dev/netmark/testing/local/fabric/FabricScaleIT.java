package dev.netmark.testing.local.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.testing.local.Clusters;
import dev.netmark.testing.local.host.MachineSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ten nodes: every node's pods reach every other node's control pod; all of it goes at close. */
class FabricScaleIT {
  private static final String PREFIX = "nmx";
  private static final int BASE = 214;
  private static final String VIP = "10." + (BASE + 2) + ".0.10";

  @Test
  void tenNodesAreFullyRouted() throws Exception {
    MachineSnapshot before = Clusters.snapshot(PREFIX, BASE);
    long t0 = System.nanoTime();
    Fabric f = Fabric.create(Clusters.fabric(PREFIX, BASE, 10).build());
    long created = System.nanoTime();
    try {
      List<ControlPod> ctl = new ArrayList<>();
      for (NodePlan n : f.nodes()) {
        ctl.add(f.startControlPod(n.name()));
      }
      f.publishService(VIP, 80, ctl.stream().map(ControlPod::httpEndpoint).toList());
      // A client on the first and one on the last node reach every control pod and the VIP.
      for (String node : List.of(PREFIX + "-node1", PREFIX + "-node10")) {
        Pod client = f.addPod(node, "client");
        for (ControlPod c : ctl) {
          assertThat(Probe.get(client.netns(), c.ip(), 8080))
              .isEqualTo(c.pod().netns() + " " + c.ip() + " from " + client.ip());
        }
        assertThat(Probe.get(client.netns(), VIP, 80)).matches(PREFIX + "-node\\d+-ctl .*");
      }
    } finally {
      long closing = System.nanoTime();
      f.close();
      System.out.printf(
          "10-node fabric: create %d ms, close (with 10 control pods, 2 clients) %d ms%n",
          (created - t0) / 1_000_000, (System.nanoTime() - closing) / 1_000_000);
    }
    assertThat(before.differences(Clusters.snapshot(PREFIX, BASE))).isEmpty();
  }
}
