package dev.netmark.testing.local;

import dev.netmark.testing.local.fabric.ControlPod;
import dev.netmark.testing.local.fabric.Fabric;
import dev.netmark.testing.local.kubelet.ControlPods;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashMap;
import java.util.Map;

/**
 * Control pods on the fabric: one network endpoint per node (a namespace on the node's CNI network
 * with real HTTP and iperf3 servers), started for the first control pod bound to the node and kept
 * until the cluster closes, so a control pod deleted and created again (a second test on the same
 * cluster) gets the same address back. One control pod per node at a time.
 */
final class FabricControlPods implements ControlPods {
  private final Fabric fabric;
  private final Map<String, ControlPod> endpoints = new HashMap<>();
  private final Map<String, String> holders = new HashMap<>();

  FabricControlPods(Fabric fabric) {
    this.fabric = fabric;
  }

  @Override
  public synchronized String start(String node, Pod pod) throws InterruptedException {
    String uid = pod.getMetadata().getUid();
    String holder = holders.get(node);
    if (holder != null && !holder.equals(uid)) {
      throw new IllegalStateException(
          "local mode runs one control pod per node and "
              + node
              + " already has one;"
              + " use controlPodsPerNode: 1");
    }
    ControlPod cp = endpoints.get(node);
    if (cp == null) {
      cp = fabric.startControlPod(node);
      endpoints.put(node, cp);
    }
    holders.put(node, uid);
    return cp.ip();
  }

  /** The address of each node's control pod endpoint started so far, by node. */
  synchronized Map<String, String> ips() {
    Map<String, String> ips = new HashMap<>();
    endpoints.forEach((node, cp) -> ips.put(node, cp.ip()));
    return ips;
  }

  @Override
  public synchronized void stop(String node, Pod pod) {
    holders.remove(node, pod.getMetadata().getUid());
  }
}
