package dev.netmark.shim.cri;

import dev.netmark.shim.app.AppRunner;
import dev.netmark.shim.cni.NodeCni;
import dev.netmark.shim.metrics.PodRecorder;
import dev.netmark.shim.netns.NetNamespaces;
import dev.netmark.shim.probe.Prober;
import dev.netmark.shim.state.ShimState;
import dev.netmark.shim.traffic.TrafficRunner;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the shim works with when it handles netperf pods on this node.
 *
 * @param state sandboxes and containers, persisted
 * @param cni the node's CNI configuration, run directly (loaded when a pod first needs it)
 * @param namespaces where pod network namespaces are created
 * @param netnsPrefix prefix of every pod namespace name (the rest is from the sandbox id)
 * @param recorder records and metrics
 * @param prober readiness probes after ADD
 * @param traffic the traffic model on StartContainer
 * @param apps the application models' serving and calling on StartContainer
 */
public record NetperfNode(
    ShimState state,
    NodeCni cni,
    NetNamespaces namespaces,
    String netnsPrefix,
    PodRecorder recorder,
    Prober prober,
    TrafficRunner traffic,
    AppRunner apps) {
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,40}");

  public NetperfNode {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(cni, "cni");
    Objects.requireNonNull(namespaces, "namespaces");
    Objects.requireNonNull(recorder, "recorder");
    Objects.requireNonNull(prober, "prober");
    Objects.requireNonNull(traffic, "traffic");
    Objects.requireNonNull(apps, "apps");
    if (netnsPrefix == null || !PREFIX.matcher(netnsPrefix).matches()) {
      throw new IllegalArgumentException(
          "invalid netns prefix '" + netnsPrefix + "': expected " + PREFIX.pattern());
    }
  }

  /** The namespace name of a sandbox of this node. */
  String netnsName(String sandboxId) {
    return netnsName(netnsPrefix, sandboxId);
  }

  /**
   * The namespace name of a netperf sandbox: the node's prefix and the first 16 hex chars of the
   * sandbox id. Local mode knows a pod's namespace by it without asking the shim.
   *
   * @throws IllegalArgumentException for an id shorter than 16 characters
   */
  public static String netnsName(String netnsPrefix, String sandboxId) {
    if (sandboxId.length() < 16) {
      throw new IllegalArgumentException("sandbox id shorter than 16 characters: " + sandboxId);
    }
    return netnsPrefix + sandboxId.substring(0, 16);
  }
}
