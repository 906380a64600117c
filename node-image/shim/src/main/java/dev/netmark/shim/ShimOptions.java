package dev.netmark.shim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one shim instance runs; {@link ShimMain} builds it from the command line.
 *
 * @param listen the CRI socket kubelet connects to
 * @param upstream the runtime socket ordinary calls are forwarded to (containerd's)
 * @param cniConfDir the node's CNI configuration directory
 * @param cniBinDirs where CNI plugins are looked up, in order
 * @param nodeName this node's name (records, probe targets)
 * @param metricsAddr {@code host:port} or {@code :port} of /metrics, /records and /healthz
 * @param stateDir where sandboxes, CNI results and records persist
 * @param pluginTimeout limit for one CNI plugin call
 * @param netnsDir where pod network namespaces are created (usually {@code /run/netns})
 * @param netnsPrefix prefix of pod network namespace names
 * @param cniHostNetns run CNI plugins inside this namespace (an emulated node), or null
 * @param probeTargetsFile read probe targets from this file instead of the ConfigMap, or null
 * @param kubeconfig the kubeconfig for the ConfigMap watch, or null for the default/in-cluster
 * @param cniConfigLater start without a CNI configuration and load it when a pod first needs it (a
 *     CNI DaemonSet installs it once kubelet runs); otherwise a missing one stops the start
 * @param recordsTokenFile a file holding the bearer token {@code /records} requires, or null for
 *     none
 */
public record ShimOptions(
    Path listen,
    Path upstream,
    Path cniConfDir,
    List<Path> cniBinDirs,
    String nodeName,
    String metricsAddr,
    Path stateDir,
    Duration pluginTimeout,
    Path netnsDir,
    String netnsPrefix,
    Path cniHostNetns,
    Path probeTargetsFile,
    Path kubeconfig,
    boolean cniConfigLater,
    Path recordsTokenFile) {
  public ShimOptions {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(cniConfDir, "cniConfDir");
    cniBinDirs = List.copyOf(cniBinDirs);
    if (nodeName == null || nodeName.isBlank()) {
      throw new IllegalArgumentException("no node name: pass --node-name or set NODE_NAME");
    }
    Objects.requireNonNull(metricsAddr, "metricsAddr");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(pluginTimeout, "pluginTimeout");
    Objects.requireNonNull(netnsDir, "netnsDir");
    Objects.requireNonNull(netnsPrefix, "netnsPrefix");
  }
}
