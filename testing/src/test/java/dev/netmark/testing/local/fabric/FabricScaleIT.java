package dev.netmark.testing.local.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.testing.local.host.MachineSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ten nodes: every node's pods reach every other node's control pod; all of it goes at close. */
class FabricScaleIT {
  @Test
  void tenNodesAreFullyRouted() throws Exception {
    MachineSnapshot before = FabricIT.snapshot("nml");
    long t0 = System.nanoTime();
    Fabric f = Fabric.create(FabricSpec.builder().nodes(10).build());
    long created = System.nanoTime();
    try {
      List<ControlPod> ctl = new ArrayList<>();
      for (NodePlan n : f.nodes()) {
        ctl.add(f.startControlPod(n.name()));
      }
      f.publishService("10.250.0.10", 80, ctl.stream().map(ControlPod::httpEndpoint).toList());
      // A client on the first and one on the last node reach every control pod and the VIP.
      for (String node : List.of("nml-node1", "nml-node10")) {
        Pod client = f.addPod(node, "client");
        for (ControlPod c : ctl) {
          assertThat(Probe.get(client.netns(), c.ip(), 8080))
              .isEqualTo(c.pod().netns() + " " + c.ip() + " from " + client.ip());
        }
        assertThat(Probe.get(client.netns(), "10.250.0.10", 80)).matches("nml-node\\d+-ctl .*");
      }
    } finally {
      long closing = System.nanoTime();
      f.close();
      System.out.printf(
          "10-node fabric: create %d ms, close (with 10 control pods, 2 clients) %d ms%n",
          (created - t0) / 1_000_000, (System.nanoTime() - closing) / 1_000_000);
    }
    assertThat(before.differences(FabricIT.snapshot("nml"))).isEmpty();
  }
}
