package dev.netmark.testing.local.host;

import dev.netmark.testing.local.Clusters;
import dev.netmark.testing.local.fabric.Fabric;
import dev.netmark.testing.local.fabric.FabricSpec;
import dev.netmark.testing.local.fabric.NodePlan;

/** A run to be killed by {@link LeftoversIT}: a 2-node fabric with control pods, never closed. */
public final class KillTarget {
  static final String READY = "KILL-TARGET-READY";
  static final String PREFIX = "nmk";
  static final int BASE = 244;

  private KillTarget() {}

  public static void main(String[] args) throws Exception {
    Fabric f = Fabric.create(fabric(2));
    for (NodePlan n : f.nodes()) {
      f.startControlPod(n.name());
    }
    f.addPod("nmk-node1", "p1");
    System.out.println(READY);
    System.out.flush();
    Thread.sleep(600_000);
  }

  /** This test's fabric of {@code nodes} nodes: its prefix and address ranges. */
  static FabricSpec fabric(int nodes) {
    return Clusters.fabric(PREFIX, BASE, nodes).build();
  }
}
