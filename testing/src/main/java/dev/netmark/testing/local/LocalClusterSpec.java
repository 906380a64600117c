package dev.netmark.testing.local;

import dev.netmark.contract.MetricNames;
import dev.netmark.testing.local.fabric.FabricSpec;
import dev.netmark.testing.local.kubelet.Backoff;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What local cluster to start.
 *
 * @param fabric the emulated network: nodes, prefix, address ranges, CNI network, state root
 * @param kubeconfigOut where to write a copy of the kubeconfig for kubectl, or null
 * @param keepLogs where to copy the shims' and servers' logs at close, or null to drop them
 * @param backoff the kubelet stand-ins' back-off between failed sandbox creations
 * @param shimPort the port of every shim's metrics server on its node's address
 * @param drainTimeout how long {@link LocalCluster#close} waits for pods to be stopped through
 *     their shims (CNI DEL) before it tears the nodes down regardless
 * @param restarts when a dead shim is started again, and when its node is given up
 * @param shimsInProcess every node's shim in this JVM ({@code Shim.startInNode}) instead of a JVM
 *     of its own per node: lighter at density; the per-node process is what a real node runs, and
 *     what a test that kills one node's shim needs
 */
public record LocalClusterSpec(
    FabricSpec fabric,
    Path kubeconfigOut,
    Path keepLogs,
    Backoff backoff,
    int shimPort,
    Duration drainTimeout,
    RestartPolicy restarts,
    boolean shimsInProcess) {
  public LocalClusterSpec {
    Objects.requireNonNull(fabric, "fabric");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    Objects.requireNonNull(restarts, "restarts");
    if (shimPort < 1 || shimPort > 65535) {
      throw new IllegalArgumentException("shim port must be 1..65535, found " + shimPort);
    }
  }

  /** A spec with the defaults for {@code fabric}. */
  public static LocalClusterSpec of(FabricSpec fabric) {
    return new LocalClusterSpec(
        fabric,
        null,
        null,
        Backoff.DEFAULT,
        MetricNames.DEFAULT_SHIM_PORT,
        Duration.ofSeconds(60),
        RestartPolicy.DEFAULT,
        false);
  }

  public LocalClusterSpec withKubeconfigOut(Path file) {
    return new LocalClusterSpec(
        fabric, file, keepLogs, backoff, shimPort, drainTimeout, restarts, shimsInProcess);
  }

  public LocalClusterSpec withKeepLogs(Path dir) {
    return new LocalClusterSpec(
        fabric, kubeconfigOut, dir, backoff, shimPort, drainTimeout, restarts, shimsInProcess);
  }

  public LocalClusterSpec withRestarts(RestartPolicy r) {
    return new LocalClusterSpec(
        fabric, kubeconfigOut, keepLogs, backoff, shimPort, drainTimeout, r, shimsInProcess);
  }

  public LocalClusterSpec withBackoff(Backoff b) {
    return new LocalClusterSpec(
        fabric, kubeconfigOut, keepLogs, b, shimPort, drainTimeout, restarts, shimsInProcess);
  }

  public LocalClusterSpec withShimsInProcess(boolean inProcess) {
    return new LocalClusterSpec(
        fabric, kubeconfigOut, keepLogs, backoff, shimPort, drainTimeout, restarts, inProcess);
  }
}
