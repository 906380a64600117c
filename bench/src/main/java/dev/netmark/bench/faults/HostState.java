package dev.netmark.bench.faults;

import dev.netmark.bench.shim.Cmd;
import dev.netmark.testing.local.LocalCluster;
import dev.netmark.testing.local.fabric.NodePlan;
import dev.netmark.testing.local.host.Leftovers;
import java.util.ArrayList;
import java.util.List;

/**
 * What of a local cluster lives on the machine: its network namespaces, the addresses its
 * host-local stores hold and the veths in its nodes' namespaces. Taken once the control pods run
 * and again after the soak; what the second has more of leaked.
 */
record HostState(List<String> netns, List<String> ips, List<String> veths) {
  static HostState take(LocalCluster cluster, String prefix) throws InterruptedException {
    List<String> veths = new ArrayList<>();
    for (NodePlan n : cluster.fabric().nodes()) {
      for (String line :
          Cmd.run("ip", "-n", n.name(), "-o", "link", "show", "type", "veth").split("\n")) {
        String[] f = line.split(": ", 3);
        if (f.length >= 2) {
          veths.add(n.name() + "/" + f[1].split("@")[0]);
        }
      }
    }
    return new HostState(Leftovers.namespaces(prefix), cluster.fabric().ipamAllocations(), veths);
  }

  /** What {@code later} holds that this does not, by kind. */
  HostState leakedBy(HostState later) {
    return new HostState(
        minus(later.netns, netns), minus(later.ips, ips), minus(later.veths, veths));
  }

  private static List<String> minus(List<String> a, List<String> b) {
    List<String> d = new ArrayList<>(a);
    d.removeAll(b);
    return d;
  }
}
