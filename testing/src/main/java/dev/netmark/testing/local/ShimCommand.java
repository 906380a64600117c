package dev.netmark.testing.local;

import dev.netmark.shim.ShimLaunch;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The command line of one node's shim: the same {@code dev.netmark.shim.ShimMain} a real node runs,
 * in its own JVM started from this JVM's {@code java} and class path (which holds the shim, from
 * the distribution's jars as from a test's class path), entered into the node's namespace by {@code
 * nsenter}.
 *
 * @param node the node's name
 * @param socket the CRI socket the shim listens on
 * @param upstream the socket of the node's real runtime; local mode has none, so this names a
 *     socket nobody listens on and forwarded calls fail as UNAVAILABLE
 * @param cniConfDir the node's CNI configuration
 * @param cniBinDir the CNI plugins
 * @param metricsAddr {@code ip:port} of the metrics server
 * @param stateDir the shim's state directory
 * @param kubeconfig the kubeconfig the shim watches its probe targets with
 * @param netnsPrefix prefix of the pod namespaces it creates (the run's prefix, for cleaning)
 * @param inProcess run it in this JVM ({@link InProcessShim}), not in a JVM of its own
 */
record ShimCommand(
    String node,
    Path socket,
    Path upstream,
    Path cniConfDir,
    Path cniBinDir,
    String metricsAddr,
    Path stateDir,
    Path kubeconfig,
    String netnsPrefix,
    boolean inProcess) {
  /**
   * The full command: java, the shim's JVM flags ({@link ShimLaunch}: the node image's, from one
   * file) with the AOT cache if there is one, class path, main class, shim flags.
   */
  List<String> argv(Path java, String classPath, Optional<Path> aotCache) {
    return ShimLaunch.command(java, classPath, ShimLaunch.jvmFlags(aotCache), shimArgs());
  }

  List<String> shimArgs() {
    return List.of(
        "--listen",
        "unix://" + socket,
        "--upstream",
        "unix://" + upstream,
        "--cni-conf-dir",
        cniConfDir.toString(),
        "--cni-bin-dir",
        cniBinDir.toString(),
        "--node-name",
        node,
        "--metrics-addr",
        metricsAddr,
        "--state-dir",
        stateDir.toString(),
        "--kubeconfig",
        kubeconfig.toString(),
        "--netns-dir",
        Nodes.NETNS_DIR.toString(),
        "--netns-prefix",
        netnsPrefix);
  }

  /** This JVM's {@code java} launcher. */
  static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }
}
