package dev.netmark.testing.local.provider;

import dev.netmark.api.NetmarkException;
import dev.netmark.testing.local.LocalClusterSpec;
import dev.netmark.testing.local.RestartPolicy;
import dev.netmark.testing.local.fabric.CniSetup;
import dev.netmark.testing.local.fabric.FabricSpec;
import dev.netmark.testing.local.kubelet.Backoff;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code --provider-opt KEY=VALUE} options of the local provider, turned into a {@link
 * LocalClusterSpec}. An unknown key or a bad value fails with the key, the value and what was
 * expected.
 */
final class ProviderOptions {
  /** Every option with its meaning, for messages and {@code --help} texts. */
  static final Map<String, String> KNOWN =
      Map.ofEntries(
          Map.entry("nodes", "number of emulated nodes (default 3)"),
          Map.entry(
              "cni-conf-dir",
              "your CNI conflist template dir (default: generated bridge + host-local)"),
          Map.entry("cni-bin-dir", "your CNI plugins (default /usr/lib/cni)"),
          Map.entry(
              "cni-reset-ipam",
              "true: release addresses another run left in the network's host-local store"),
          Map.entry("kubeconfig-out", "write the cluster's kubeconfig here for kubectl"),
          Map.entry(
              "keep-logs",
              "copy the servers' logs, and the shims' with shims=processes, to this directory at"
                  + " the end"),
          Map.entry("prefix", "name prefix of every namespace, link and directory (default nml)"),
          Map.entry("cluster-cidr", "pod addresses (default 10.240.0.0/16)"),
          Map.entry("link-cidr", "node addresses (default 10.241.0.0/16)"),
          Map.entry("service-cidr", "service VIPs (default 10.250.0.0/16)"),
          Map.entry("external-cidr", "the external target's subnet (default 10.251.0.0/24)"),
          Map.entry(
              "state-root", "parent of the run's state directory (default /run/netmark-local)"),
          Map.entry(
              "retry-initial", "kubelet back-off after the first failed sandbox (default 200ms)"),
          Map.entry("retry-max", "longest kubelet back-off (default 5s)"),
          Map.entry(
              "restart-limit",
              "restarts of one node's shim within a minute before the run fails (default 5)"),
          Map.entry(
              "shims",
              "in-process: every node's shim in netmark's JVM, lighter at density, its log lines"
                  + " in netmark.log (default); processes: a JVM per node's shim, as a real node"
                  + " runs it, each with its own log"));

  private ProviderOptions() {}

  static LocalClusterSpec parse(Map<String, String> options) {
    for (String key : options.keySet()) {
      if (!KNOWN.containsKey(key)) {
        throw new NetmarkException(
            "unknown --provider-opt '"
                + key
                + "' of provider local; known: "
                + String.join(", ", new TreeSet<>(KNOWN.keySet())));
      }
    }
    FabricSpec.Builder f = FabricSpec.builder();
    try {
      if (options.containsKey("nodes")) {
        f.nodes(integer(options, "nodes"));
      }
      Path bin =
          options.containsKey("cni-bin-dir")
              ? Path.of(options.get("cni-bin-dir"))
              : Path.of("/usr/lib/cni");
      CniSetup cni =
          options.containsKey("cni-conf-dir")
              ? CniSetup.userTemplate(Path.of(options.get("cni-conf-dir")), bin)
              : new CniSetup(null, bin);
      f.cni(cni.withResetIpam(bool(options, "cni-reset-ipam")));
      opt(options, "prefix", f::prefix);
      opt(options, "cluster-cidr", f::clusterCidr);
      opt(options, "link-cidr", f::linkCidr);
      opt(options, "service-cidr", f::serviceCidr);
      opt(options, "external-cidr", f::externalCidr);
      opt(options, "state-root", v -> f.stateRoot(Path.of(v)));
      LocalClusterSpec spec = LocalClusterSpec.of(f.build());
      Backoff b = spec.backoff();
      spec =
          spec.withBackoff(
              new Backoff(
                  duration(options, "retry-initial", b.initial()),
                  duration(options, "retry-max", b.max())));
      if (options.containsKey("restart-limit")) {
        int limit = integer(options, "restart-limit");
        if (limit < 1) {
          throw new IllegalArgumentException(
              "--provider-opt restart-limit=" + limit + ": expected 1 or more restarts a minute");
        }
        spec = spec.withRestarts(new RestartPolicy(spec.restarts().backoff(), limit));
      }
      if (options.containsKey("kubeconfig-out")) {
        spec = spec.withKubeconfigOut(Path.of(options.get("kubeconfig-out")));
      }
      spec = spec.withShimsInProcess(shimsInProcess(options.getOrDefault("shims", "in-process")));
      if (options.containsKey("keep-logs")) {
        spec = spec.withKeepLogs(Path.of(options.get("keep-logs")));
      }
      return spec;
    } catch (IllegalArgumentException e) {
      throw new NetmarkException("provider local: " + e.getMessage(), e);
    }
  }

  private static void opt(
      Map<String, String> options, String key, java.util.function.Consumer<String> set) {
    String v = options.get(key);
    if (v != null) {
      try {
        set.accept(v);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--provider-opt " + key + "=" + v + ": " + e.getMessage(), e);
      }
    }
  }

  private static boolean shimsInProcess(String v) {
    return switch (v.strip()) {
      case "processes" -> false;
      case "in-process" -> true;
      default ->
          throw new IllegalArgumentException(
              "--provider-opt shims=" + v + ": expected processes or in-process");
    };
  }

  private static boolean bool(Map<String, String> options, String key) {
    String v = options.getOrDefault(key, "false").strip();
    if (!v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException(
          "--provider-opt " + key + "=" + v + ": expected true or false");
    }
    return v.equals("true");
  }

  private static int integer(Map<String, String> options, String key) {
    String v = options.get(key);
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--provider-opt " + key + "=" + v + ": expected a whole number", e);
    }
  }

  /** A duration like {@code 200ms}, {@code 5s} or {@code 1m}. */
  static Duration duration(Map<String, String> options, String key, Duration fallback) {
    String v = options.get(key);
    if (v == null) {
      return fallback;
    }
    var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m)").matcher(v.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--provider-opt " + key + "=" + v + ": expected a duration like 200ms, 5s or 1m");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      default -> Duration.ofMinutes(n);
    };
  }

  static List<String> keys() {
    return List.copyOf(new TreeSet<>(KNOWN.keySet()));
  }
}
