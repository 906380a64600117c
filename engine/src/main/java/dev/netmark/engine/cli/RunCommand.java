package dev.netmark.engine.cli;

import dev.netmark.engine.config.LoadedConfig;
import dev.netmark.engine.measurement.Plugins;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code netmark run}: runs a config against a cluster and writes the reports. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs CONFIG against a cluster, writes the reports and prints summary.txt.",
      "Without --kubeconfig it starts a cluster with --provider (default: local) and tears it"
          + " down at the end, also on Ctrl-C."
    },
    footer = {
      "",
      "Examples:",
      "  netmark run configs/network-ready-latency.yaml --nodes 10 --kubeconfig-out /tmp/kc",
      "  netmark run test.yaml --kubeconfig ~/.kube/config --report-dir reports/today",
      "  netmark run test.yaml --kubeconfig kc.yaml --metric-source prometheus \\",
      "      --metric-source-opt url=http://prometheus:9090 --keep",
      "",
      "Exit codes: 0 pass, 1 a step failed or a threshold was breached, 2 bad usage or config."
    })
final class RunCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true)
  Target target = new Target();

  static final class Target {
    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Run against this cluster.")
    Path kubeconfig;

    @Option(
        names = "--provider",
        paramLabel = "NAME",
        description = "Start a cluster with this provider (default: local).")
    String provider;
  }

  @Option(
      names = "--provider-opt",
      paramLabel = "KEY=VALUE",
      description = "An option of the cluster provider, e.g. nodes=3; repeatable.")
  Map<String, String> providerOptions = new LinkedHashMap<>();

  @Option(
      names = "--nodes",
      paramLabel = "N",
      description = "Nodes of the provider's cluster (same as --provider-opt nodes=N).")
  Integer nodes;

  @Option(
      names = "--kubeconfig-out",
      paramLabel = "FILE",
      description = "Write the provider cluster's kubeconfig here, for kubectl during the run.")
  Path kubeconfigOut;

  @Option(
      names = "--cni-conf-dir",
      paramLabel = "DIR",
      description = "The provider's nodes use this CNI conflist (template) instead of bridge.")
  Path cniConfDir;

  @Option(
      names = "--cni-bin-dir",
      paramLabel = "DIR",
      description = "CNI plugin binaries for --cni-conf-dir (default /usr/lib/cni).")
  Path cniBinDir;

  @Option(
      names = "--cni-reset-ipam",
      description =
          "Release the addresses another run left in the --cni-conf-dir network's host-local"
              + " store instead of refusing to start.")
  boolean cniResetIpam;

  @Option(
      names = "--no-raw-baseline",
      description =
          "Skip the provider's raw baseline after the test (local mode: the chain's plain CNI ADD"
              + " and a plain ping, beside cni_add and probe_same_node) and its machine reference,"
              + " which compare judges latencies by.")
  boolean noRawBaseline;

  @Option(
      names = "--report-dir",
      paramLabel = "DIR",
      description =
          "Where reports go (default: reports/<test>-<run id>); refused when it already holds a"
              + " run's report.")
  Path reportDir;

  @Option(names = "--keep", description = "Keep what the test created (namespaces, pods).")
  boolean keep;

  @Option(
      names = "--metric-source",
      paramLabel = "KIND",
      description =
          "Where shim data is read: direct, proxy or prometheus (default: the cluster's).")
  String metricSource;

  @Option(
      names = "--metric-source-opt",
      paramLabel = "KEY=VALUE",
      description = "An option of the metric source, e.g. port=10260; repeatable.")
  Map<String, String> metricSourceOptions = new LinkedHashMap<>();

  @Option(
      names = "--verbose",
      description =
          "Show log lines (INFO and up) on the terminal too; they always go to REPORT/logs/.")
  boolean verbose;

  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      description =
          "Show log lines of LEVEL and up on the terminal too: trace, debug, info, warn or error"
              + " (trace and debug also add those lines to REPORT/logs/netmark.log).")
  LogLevel logLevel;

  /** The lowest level of log lines shown on the terminal, or null for none. */
  LogLevel shownLogLevel() {
    return logLevel != null ? logLevel : verbose ? LogLevel.INFO : null;
  }

  @Override
  public Integer call() throws InterruptedException {
    var env = System.getenv();
    Plugins plugins = config.plugins(env);
    LoadedConfig loaded = config.load(plugins, env);
    providerOptions = mergedProviderOptions();
    if (target.kubeconfig != null && !providerOptions.isEmpty()) {
      throw new UsageException(
          "--provider-opt, --nodes, --kubeconfig-out and --cni-* need --provider, not"
              + " --kubeconfig");
    }
    return new RunSession(this, plugins, loaded, spec.commandLine()).run();
  }

  /** {@code --provider-opt} pairs plus the shortcut options; a disagreement is a usage error. */
  Map<String, String> mergedProviderOptions() {
    Map<String, String> merged = new LinkedHashMap<>(providerOptions);
    shortcut(merged, "--nodes", "nodes", nodes);
    shortcut(merged, "--kubeconfig-out", "kubeconfig-out", kubeconfigOut);
    shortcut(merged, "--cni-conf-dir", "cni-conf-dir", cniConfDir);
    shortcut(merged, "--cni-bin-dir", "cni-bin-dir", cniBinDir);
    shortcut(merged, "--cni-reset-ipam", "cni-reset-ipam", cniResetIpam ? "true" : null);
    return merged;
  }

  private static void shortcut(Map<String, String> into, String flag, String key, Object value) {
    if (value == null) {
      return;
    }
    String text = value.toString();
    String given = into.putIfAbsent(key, text);
    if (given != null && !given.equals(text)) {
      throw new UsageException(
          flag + " " + text + " and --provider-opt " + key + "=" + given + " disagree");
    }
  }
}
