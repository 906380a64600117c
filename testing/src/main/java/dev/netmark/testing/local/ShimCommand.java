package dev.netmark.testing.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
    String netnsPrefix) {
  static final String MAIN_CLASS = "dev.netmark.shim.ShimMain";

  /** JVM flags: small heap and C1 only, since N shims share 2 cores with everything else. */
  static final List<String> JVM_FLAGS =
      List.of(
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-Xmx256m",
          "--enable-native-access=ALL-UNNAMED",
          "-Dorg.slf4j.simpleLogger.showDateTime=true");

  /** The full command: java, flags, class path, main class, shim flags. */
  List<String> argv(Path java, String classPath) {
    List<String> argv = new ArrayList<>();
    argv.add(java.toString());
    argv.addAll(JVM_FLAGS);
    argv.addAll(List.of("-cp", classPath, MAIN_CLASS));
    argv.addAll(shimArgs());
    return argv;
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
        "--netns-prefix",
        netnsPrefix);
  }

  /** This JVM's {@code java} launcher. */
  static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }
}
