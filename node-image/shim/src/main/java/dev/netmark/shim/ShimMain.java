package dev.netmark.shim;

import dev.netmark.shim.cni.CniConfigException;
import dev.netmark.shim.cni.CniException;
import dev.netmark.shim.cri.UnixSockets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar netmark-shim.jar}: the per-node CRI proxy. Exit codes: 0 after a clean shutdown
 * (SIGTERM/SIGINT) or {@code --help}, 1 when it cannot start (e.g. the socket is taken), 2 for bad
 * flags or an unusable CNI configuration. The flags are read by hand, not by a command-line
 * library: every class the shim loads stays resident on every node (docs/performance.md,
 * shim-footprint).
 */
public final class ShimMain {
  static {
    Logging.configure();
  }

  /** A flag: its name, its value's name (null for a switch), default and description. */
  record Flag(String name, String param, String defaultValue, String description) {}

  static final List<Flag> FLAGS =
      List.of(
          new Flag(
              "--listen",
              "URL",
              "unix:///run/netmark/shim.sock",
              "CRI socket kubelet connects to."),
          new Flag(
              "--upstream",
              "URL",
              "unix:///run/containerd/containerd.sock",
              "Runtime socket ordinary calls go to."),
          new Flag("--cni-conf-dir", "DIR", "/etc/cni/net.d", "CNI configuration directory."),
          new Flag(
              "--cni-bin-dir",
              "DIRS",
              "/opt/cni/bin,/usr/lib/cni",
              "CNI plugin directories, comma-separated."),
          new Flag("--node-name", "NAME", null, "This node's name (default: $NODE_NAME)."),
          new Flag(
              "--metrics-addr",
              "[HOST]:PORT",
              ":10260",
              "Address of /metrics, /records and /healthz."),
          new Flag(
              "--records-token-file",
              "FILE",
              null,
              "Require 'Authorization: Bearer TOKEN' on /records, TOKEN being this file's content"
                  + " (read at every request)."),
          new Flag(
              "--state-dir",
              "DIR",
              "/var/lib/netmark-shim",
              "Where sandboxes, CNI results and records persist."),
          new Flag(
              "--plugin-timeout",
              "DURATION",
              "30s",
              "Limit for one CNI plugin call, e.g. 30s or 500ms."),
          new Flag("--netns-dir", "DIR", "/run/netns", "Where pod network namespaces are created."),
          new Flag(
              "--netns-prefix", "PREFIX", "netmark-", "Prefix of pod network namespace names."),
          new Flag(
              "--cni-host-netns",
              "FILE",
              null,
              "Run CNI plugins inside this network namespace file (emulated nodes)."),
          new Flag(
              "--probe-targets",
              "FILE",
              null,
              "Read probe targets from this JSON file instead of the ConfigMap."),
          new Flag(
              "--cni-config-later",
              null,
              null,
              "Start without a CNI configuration and load it when a netperf pod first needs it (a"
                  + " CNI DaemonSet installs it once kubelet runs); ADDs fail until then."),
          new Flag(
              "--kubeconfig",
              "FILE",
              null,
              "kubeconfig for the probe-target ConfigMap (default: the in-cluster service account,"
                  + " $KUBECONFIG or ~/.kube/config). Tokens, token files and client"
                  + " certificates; exec plugins are not run."),
          new Flag("--help", null, null, "Show this help message and exit (also -h)."));

  String listen;
  String upstream;
  Path cniConfDir;
  List<Path> cniBinDirs;
  String nodeName;
  String metricsAddr;
  Path recordsTokenFile;
  Path stateDir;
  Duration pluginTimeout;
  Path netnsDir;
  String netnsPrefix;
  Path cniHostNetns;
  Path probeTargets;
  boolean cniConfigLater;
  Path kubeconfig;
  boolean help;

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.err, true), args));
  }

  /** Runs the command line, reporting problems to {@code err}; returns the exit code. */
  static int run(PrintWriter err, String... args) {
    return run(new PrintWriter(System.out, true), err, args);
  }

  /** As {@link #run(PrintWriter, String...)}, with {@code --help} written to {@code out}. */
  static int run(PrintWriter out, PrintWriter err, String... args) {
    ShimMain main = new ShimMain();
    try {
      main.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("netmark-shim: " + e.getMessage());
      err.println("Try 'netmark-shim --help' for the flags.");
      return 2;
    }
    if (main.help) {
      out.print(usage());
      out.flush();
      return 0;
    }
    try {
      return main.call(err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /**
   * The options of a command line, for a shim hosted in a JVM of someone else's (local mode's
   * {@code shims=in-process}): the same flags, so both ways of starting a node's shim share one.
   *
   * @throws IllegalArgumentException naming the flag that is unknown or malformed
   */
  public static ShimOptions options(String... args) {
    ShimMain main = new ShimMain();
    main.parse(args);
    return main.options();
  }

  /** The help text: one paragraph per flag with its default. */
  static String usage() {
    StringBuilder u =
        new StringBuilder(
            "Usage: netmark-shim [FLAGS]\n"
                + "CRI proxy in front of containerd: forwards ordinary pods, and for pods labelled"
                + " netperf=true runs the node's CNI configuration itself and measures network"
                + " readiness.\n");
    for (Flag f : FLAGS) {
      u.append("  ").append(f.name());
      if (f.param() != null) {
        u.append(' ').append(f.param());
      }
      u.append("\n      ").append(f.description());
      if (f.defaultValue() != null) {
        u.append(" (default: ").append(f.defaultValue()).append(')');
      }
      u.append('\n');
    }
    return u.toString();
  }

  /**
   * Reads {@code args} ({@code --flag value} or {@code --flag=value}) over the defaults.
   *
   * @throws IllegalArgumentException naming the flag and what is wrong with it
   */
  void parse(String... args) {
    for (Flag f : FLAGS) {
      if (f.defaultValue() != null) {
        set(f.name(), f.defaultValue());
      }
    }
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int eq = arg.indexOf('=');
      String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
      Flag flag = null;
      for (Flag f : FLAGS) {
        if (f.name().equals(name) || ("-h".equals(name) && "--help".equals(f.name()))) {
          flag = f;
        }
      }
      if (flag == null) {
        throw new IllegalArgumentException("unknown flag or argument '" + arg + "'");
      }
      if (flag.param() == null) {
        if (eq > 0 && !name.equals(arg)) {
          throw new IllegalArgumentException(name + " takes no value, found '" + arg + "'");
        }
        set(flag.name(), null);
      } else if (!name.equals(arg)) {
        set(name, arg.substring(eq + 1));
      } else if (i + 1 < args.length) {
        set(name, args[++i]);
      } else {
        throw new IllegalArgumentException(name + " needs a value (" + flag.param() + ")");
      }
    }
  }

  private void set(String name, String v) {
    switch (name) {
      case "--listen" -> listen = v;
      case "--upstream" -> upstream = v;
      case "--cni-conf-dir" -> cniConfDir = Path.of(v);
      case "--cni-bin-dir" -> {
        List<Path> dirs = new ArrayList<>();
        for (String d : v.split(",")) {
          dirs.add(Path.of(d));
        }
        cniBinDirs = List.copyOf(dirs);
      }
      case "--node-name" -> nodeName = v;
      case "--metrics-addr" -> metricsAddr = v;
      case "--records-token-file" -> recordsTokenFile = Path.of(v);
      case "--state-dir" -> stateDir = Path.of(v);
      case "--plugin-timeout" -> pluginTimeout = DurationConverter.convert(name, v);
      case "--netns-dir" -> netnsDir = Path.of(v);
      case "--netns-prefix" -> netnsPrefix = v;
      case "--cni-host-netns" -> cniHostNetns = Path.of(v);
      case "--probe-targets" -> probeTargets = Path.of(v);
      case "--cni-config-later" -> cniConfigLater = true;
      case "--kubeconfig" -> kubeconfig = Path.of(v);
      case "--help" -> help = true;
      default -> throw new IllegalStateException("no field for " + name);
    }
  }

  private int call(PrintWriter err) throws InterruptedException {
    ShimOptions options;
    try {
      options = options();
    } catch (IllegalArgumentException e) {
      err.println("netmark-shim: " + e.getMessage());
      return 2;
    }
    Shim shim;
    try {
      shim = Shim.start(options);
    } catch (CniConfigException | CniException e) {
      err.println("netmark-shim: unusable CNI configuration: " + e.getMessage());
      return 2;
    } catch (IOException | RuntimeException e) {
      // Socket taken, state directory locked or unreadable: one line saying what, no stack
      // trace. An unreachable API server is not among them: the shim serves CRI without it.
      err.println("netmark-shim: cannot start: " + e.getMessage());
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
