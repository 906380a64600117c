package dev.netmark.testing.local;

import dev.netmark.shim.cri.NetperfNode;
import dev.netmark.testing.local.api.MockQuirks;
import dev.netmark.testing.local.fabric.Fabric;
import dev.netmark.testing.local.fabric.NodePlan;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the nodes up: the nodes' shims are started a few at a time ({@link #startWindow}, a JVM
 * start each), then each is awaited, and only a node whose shim is healthy is registered as a Ready
 * Node object.
 */
final class Nodes {
  /** Where the shims create pod namespaces ({@code --netns-dir}). */
  static final Path NETNS_DIR = Path.of("/run/netns");

  private final Fabric fabric;
  private final List<ShimProcess> shims = new ArrayList<>();

  private Nodes(Fabric fabric) {
    this.fabric = fabric;
  }

  static Nodes start(Fabric fabric, LocalClusterSpec spec, Path kubeconfig, KubernetesClient kube)
      throws InterruptedException {
    Nodes nodes = new Nodes(fabric);
    List<ShimProcess> shims = nodes.shims;
    Path logs = fabric.plan().runDir().resolve("logs");
    int window = startWindow(Runtime.getRuntime().availableProcessors());
    for (NodePlan n : fabric.nodes()) {
      if (shims.size() >= window) {
        shims.get(shims.size() - window).awaitReady(logs);
      }
      shims.add(ShimProcess.start(fabric, nodes.command(n, spec, kubeconfig)));
    }
    for (int i = 0; i < shims.size(); i++) {
      NodePlan n = fabric.nodes().get(i);
      shims.get(i).awaitReady(logs);
      Node node = kube.resource(NodeObjects.node(n, spec.shimPort())).create();
      MockQuirks.writeStatus(kube, node, NodeObjects.status(n, Instant.now()));
    }
    return nodes;
  }

  /**
   * How many shims may be starting at once: twice the cores. Thirty JVMs starting together on 2
   * cores each took longer than a shim's start-up limit; in a window, each starts in seconds and
   * the whole set no later.
   */
  static int startWindow(int cores) {
    return Math.max(2, 2 * cores);
  }

  ShimCommand command(NodePlan n, LocalClusterSpec spec, Path kubeconfig) {
    return new ShimCommand(
        n.name(),
        socket(n),
        n.dir().resolve("no-runtime.sock"),
        n.confDir(),
        fabric.plan().spec().cni().binDir(),
        n.ip() + ":" + spec.shimPort(),
        n.dir().resolve("shim"),
        kubeconfig,
        netnsPrefix(n.name()),
        spec.shimsInProcess());
  }

  /** The prefix of the pod namespaces the shim of {@code node} creates ({@code --netns-prefix}). */
  static String netnsPrefix(String node) {
    return node + "-";
  }

  /** The namespace the shim of {@code node} created for sandbox {@code sandboxId}. */
  static Path podNetns(String node, String sandboxId) {
    return NETNS_DIR.resolve(NetperfNode.netnsName(netnsPrefix(node), sandboxId));
  }

  /** The shims as started, in node order. */
  List<ShimProcess> shims() {
    return List.copyOf(shims);
  }

  /** The node's CRI socket, where its shim listens and its kubelet connects. */
  Path socket(NodePlan n) {
    return n.dir().resolve("cri.sock");
  }
}
