package dev.netmark.shim;

import dev.netmark.shim.cni.CniConfigException;
import dev.netmark.shim.cni.CniException;
import dev.netmark.shim.cri.UnixSockets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar netmark-shim.jar}: the per-node CRI proxy. Exit codes: 0 after a clean shutdown
 * (SIGTERM/SIGINT), 1 when it cannot start (e.g. the socket is taken), 2 for bad flags or an
 * unusable CNI configuration.
 */
@Command(
    name = "netmark-shim",
    mixinStandardHelpOptions = true,
    description = {
      "CRI proxy in front of containerd: forwards ordinary pods, and for pods labelled "
          + "netperf=true runs the node's CNI configuration itself and measures network readiness."
    })
public final class ShimMain implements Callable<Integer> {
  static {
    Logging.configure();
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--listen",
      defaultValue = "unix:///run/netmark/shim.sock",
      description = "CRI socket kubelet connects to (default: ${DEFAULT-VALUE}).")
  String listen;

  @Option(
      names = "--upstream",
      defaultValue = "unix:///run/containerd/containerd.sock",
      description = "Runtime socket ordinary calls go to (default: ${DEFAULT-VALUE}).")
  String upstream;

  @Option(
      names = "--cni-conf-dir",
      defaultValue = "/etc/cni/net.d",
      description = "CNI configuration directory (default: ${DEFAULT-VALUE}).")
  Path cniConfDir;

  @Option(
      names = "--cni-bin-dir",
      defaultValue = "/opt/cni/bin,/usr/lib/cni",
      split = ",",
      description = "CNI plugin directories, comma-separated (default: ${DEFAULT-VALUE}).")
  List<Path> cniBinDirs;

  @Option(names = "--node-name", description = "This node's name (default: $NODE_NAME).")
  String nodeName;

  @Option(
      names = "--metrics-addr",
      defaultValue = ":10260",
      description = "[host]:port of /metrics, /records and /healthz (default: ${DEFAULT-VALUE}).")
  String metricsAddr;

  @Option(
      names = "--records-token-file",
      description =
          "Require 'Authorization: Bearer TOKEN' on /records, TOKEN being this file's content"
              + " (read at every request).")
  Path recordsTokenFile;

  @Option(
      names = "--state-dir",
      defaultValue = "/var/lib/netmark-shim",
      description = "Where sandboxes, CNI results and records persist (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(
      names = "--plugin-timeout",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "Limit for one CNI plugin call, e.g. 30s or 500ms (default: ${DEFAULT-VALUE}).")
  Duration pluginTimeout;

  @Option(
      names = "--netns-dir",
      defaultValue = "/run/netns",
      description = "Where pod network namespaces are created (default: ${DEFAULT-VALUE}).")
  Path netnsDir;

  @Option(
      names = "--netns-prefix",
      defaultValue = "netmark-",
      description = "Prefix of pod network namespace names (default: ${DEFAULT-VALUE}).")
  String netnsPrefix;

  @Option(
      names = "--cni-host-netns",
      description = "Run CNI plugins inside this network namespace file (emulated nodes).")
  Path cniHostNetns;

  @Option(
      names = "--probe-targets",
      description = "Read probe targets from this JSON file instead of the ConfigMap.")
  Path probeTargets;

  @Option(
      names = "--cni-config-later",
      description =
          "Start without a CNI configuration and load it when a netperf pod first needs it (a CNI"
              + " DaemonSet installs it once kubelet runs); ADDs fail until then.")
  boolean cniConfigLater;

  @Option(
      names = "--kubeconfig",
      description =
          "kubeconfig for the probe-target ConfigMap (default: the in-cluster service account,"
              + " $KUBECONFIG or ~/.kube/config). Tokens, token files and client certificates;"
              + " exec plugins are not run.")
  Path kubeconfig;

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.err, true), args));
  }

  /** Runs the command line, reporting problems to {@code err}; returns the exit code. */
  static int run(PrintWriter err, String... args) {
    return new CommandLine(new ShimMain()).setErr(err).execute(args);
  }

  @Override
  public Integer call() throws Exception {
    ShimOptions options;
    try {
      options = options();
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("netmark-shim: " + e.getMessage());
      return 2;
    }
    Shim shim;
    try {
      shim = Shim.start(options);
    } catch (CniConfigException | CniException e) {
      spec.commandLine()
          .getErr()
          .println("netmark-shim: unusable CNI configuration: " + e.getMessage());
      return 2;
    } catch (IOException | RuntimeException e) {
      // Socket taken, state directory locked or unreadable: one line saying what, no stack
      // trace. An unreachable API server is not among them: the shim serves CRI without it.
      spec.commandLine().getErr().println("netmark-shim: cannot start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  shim.close();
                  stopped.countDown();
                },
                "shim-shutdown"));
    Duration startup = sinceProcessStart();
    org.slf4j.LoggerFactory.getLogger(ShimMain.class)
        .info(
            "serving CRI on {} (upstream {}), metrics on port {}; started in {} ms",
            options.listen(),
            options.upstream(),
            shim.metricsPort(),
            startup.toMillis());
    stopped.await();
    return 0;
  }

  ShimOptions options() {
    String node = nodeName != null ? nodeName : System.getenv("NODE_NAME");
    return new ShimOptions(
        UnixSockets.path(listen),
        UnixSockets.path(upstream),
        cniConfDir,
        cniBinDirs,
        node,
        metricsAddr,
        stateDir,
        pluginTimeout,
        netnsDir,
        netnsPrefix,
        cniHostNetns,
        probeTargets,
        kubeconfig,
        cniConfigLater,
        recordsTokenFile);
  }

  private static Duration sinceProcessStart() {
    Instant start = ProcessHandle.current().info().startInstant().orElse(Instant.now());
    return Duration.between(start, Instant.now());
  }
}
