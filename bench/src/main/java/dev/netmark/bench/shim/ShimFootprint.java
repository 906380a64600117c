package dev.netmark.bench.shim;

import dev.netmark.bench.BenchResult;
import dev.netmark.contract.ProbeTargets;
import dev.netmark.shim.ShimLaunch;
import dev.netmark.testing.local.api.ApiServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code shim-footprint}: a real shim in front of a real containerd on one emulated node; the
 * shim's resident memory idle and with 110 netperf pods (kubelet's default max pods), its start-up
 * time to serving (process start to the first CRI Version answered through its socket and {@code
 * /healthz} answering), and containerd's resident memory in the same run. The shim runs from the
 * node image's jar with what every launcher gives it ({@code ShimLaunch}: the flags file and the
 * AOT cache); for comparison in the same run, the same without the AOT cache and with the flags of
 * before (the node image's {@code -Xmx128m} alone). Several repetitions of each. The headline is
 * the shim's VmRSS with the pods as launched; the goals (issue 11) are checked on the medians.
 *
 * <p>Usage: {@code ShimFootprint WORK_DIR}
 */
public final class ShimFootprint {
  static final double GOAL_IDLE_MIB = 64;
  static final double GOAL_PODS_MIB = 96;
  static final double GOAL_STARTUP_MS = 1500;
  private static final String LAUNCHED = "as launched";
  // Long enough for the probes after the last ADD and for the JVM's periodic trim of the native
  // heap (TrimNativeHeapInterval) to hand back what start-up or the ADDs used for a moment; VmHWM
  // keeps the peak.
  private static final Duration SETTLE = Duration.ofSeconds(10);

  private ShimFootprint() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: ShimFootprint WORK_DIR");
      System.exit(2);
    }
    boolean smoke = BenchResult.smoke();
    int pods = smoke ? 5 : 110;
    int reps = smoke ? 1 : 3;
    Path work = Path.of(args[0]);
    BenchResult result =
        new BenchResult("shim-footprint", "sudo hack/bench.sh shim-footprint")
            .detail("netperf pods", pods)
            .detail("repetitions", reps)
            .detail("settle before each reading", SETTLE.toString())
            .detail("shim jar", Path.of(ShimJvm.classPath()).getFileName().toString());
    // Trained before anything is timed, as the node image has its cache from its build.
    Map<String, List<String>> setups = new LinkedHashMap<>();
    setups.put(LAUNCHED, ShimJvm.launcherFlags());
    // A smoke run keeps to the launched shim, to stay within its CI time. FOOTPRINT_SETUPS (a
    // comma list of launched, no-aot, before; default all) keeps a run within a shared machine's
    // lock: each setup costs 3 repetitions of 1-3 minutes.
    List<String> chosen =
        smoke
            ? List.of("launched")
            : List.of(
                System.getenv()
                    .getOrDefault("FOOTPRINT_SETUPS", "launched,no-aot,before")
                    .split(","));
    if (chosen.contains("no-aot")) {
      setups.put("without AOT cache", ShimLaunch.jvmFlags(Optional.empty()));
    }
    if (chosen.contains("before")) {
      setups.put("before (-Xmx128m)", List.of("-Xmx128m", "--enable-native-access=ALL-UNNAMED"));
    }
    Map<String, List<Run>> runs = new LinkedHashMap<>();
    try (BenchNode node = BenchNode.create(1, work.resolve("node"));
        ApiServer api = ApiServer.start(node.hostIp())) {
      Path kubeconfig = publishTargets(api, node, work);
      for (int r = 0; r < reps; r++) {
        int i = 0;
        for (Map.Entry<String, List<String>> setup : setups.entrySet()) {
          Run run =
              Run.measure(
                  node,
                  work.resolve("rep" + r + "-" + i++),
                  setup.getValue(),
                  kubeconfig,
                  pods,
                  SETTLE);
          System.err.println(setup.getKey() + " repetition " + (r + 1) + ": " + run);
          runs.computeIfAbsent(setup.getKey(), k -> new ArrayList<>()).add(run);
        }
      }
    }
    runs.forEach((name, list) -> result.detail(name, summary(name, setups.get(name), list)));
    List<Run> launched = runs.get(LAUNCHED);
    double idle = median(launched, Run::idleRssMiB);
    double withPods = median(launched, Run::podsRssMiB);
    double startup = median(launched, Run::startupMs);
    Map<String, String> goals = new LinkedHashMap<>();
    goals.put(goal("VmRSS idle", idle, GOAL_IDLE_MIB, "MiB"), verdict(idle, GOAL_IDLE_MIB));
    goals.put(
        goal("VmRSS with " + pods + " pods", withPods, GOAL_PODS_MIB, "MiB"),
        verdict(withPods, GOAL_PODS_MIB));
    goals.put(
        goal("start-up to serving", startup, GOAL_STARTUP_MS, "ms"),
        verdict(startup, GOAL_STARTUP_MS));
    goals.forEach((g, v) -> System.out.println("goal " + g + ": " + v));
    result.detail("goals (medians, as launched)", goals);
    double[] headline = launched.stream().mapToDouble(Run::podsRssMiB).toArray();
    result.headline("shim VmRSS with " + pods + " netperf pods (MiB)", "MiB", headline);
    result.goal(
        String.format(
            Locale.ROOT,
            "VmRSS <= %.0f MiB idle and <= %.0f MiB with pods, start-up <= %.1f s",
            GOAL_IDLE_MIB,
            GOAL_PODS_MIB,
            GOAL_STARTUP_MS / 1000),
        !goals.containsValue("NOT met"));
    result.finish();
  }

  // The node image's shim reads its probe targets from this ConfigMap through the API server
  // (fabric8's informer); so do these, from local mode's API server.
  private static Path publishTargets(ApiServer api, BenchNode node, Path work) throws IOException {
    try (KubernetesClient client = api.newClient()) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(ProbeTargets.NAMESPACE)
                  .endMetadata()
                  .build())
          .create();
      client
          .configMaps()
          .inNamespace(ProbeTargets.NAMESPACE)
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName(ProbeTargets.CONFIGMAP_NAME)
                  .withNamespace(ProbeTargets.NAMESPACE)
                  .endMetadata()
                  .addToData(ProbeTargets.CONFIGMAP_KEY, ShimJvm.targetsJson(node))
                  .build())
          .create();
    }
    Path kubeconfig = work.resolve("kubeconfig");
    Files.writeString(kubeconfig, api.kubeconfig());
    return kubeconfig;
  }

  private static String goal(String what, double value, double limit, String unit) {
    return String.format(
        Locale.ROOT, "%s <= %.0f %s (median %.1f %s)", what, limit, unit, value, unit);
  }

  private static String verdict(double value, double limit) {
    return value <= limit ? "met" : "NOT met";
  }

  private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
    return BenchResult.median(runs.stream().mapToDouble(f).sorted().toArray());
  }

  private static Map<String, Object> summary(String name, List<String> flags, List<Run> runs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("jvm flags", flags);
    m.put("start-up to serving ms", stats(runs, Run::startupMs));
    m.put("shim VmRSS idle MiB", stats(runs, Run::idleRssMiB));
    m.put("shim RssAnon idle MiB", stats(runs, Run::idleAnonMiB));
    m.put("shim Pss idle MiB", stats(runs, Run::idlePssMiB));
    m.put("shim VmRSS with pods MiB", stats(runs, Run::podsRssMiB));
    m.put("shim RssAnon with pods MiB", stats(runs, Run::podsAnonMiB));
    m.put("shim Pss with pods MiB", stats(runs, Run::podsPssMiB));
    m.put("shim VmHWM MiB", stats(runs, Run::podsHwmMiB));
    m.put("shim max RSS (time -v) MiB", stats(runs, Run::timeMaxRssMiB));
    m.put("containerd VmRSS idle MiB", stats(runs, Run::containerdIdleMiB));
    m.put("containerd VmRSS with the shim's pods MiB", stats(runs, Run::containerdPodsMiB));
    m.put(
        "shim / containerd VmRSS with pods",
        stats(runs, r -> r.podsRssMiB() / r.containerdPodsMiB()));
    System.err.printf(Locale.ROOT, "%s: %s%n", name, m);
    return m;
  }

  private static Map<String, Object> stats(
      List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
    double[] v = runs.stream().mapToDouble(f).sorted().toArray();
    return Map.of(
        "median", Samples.round(BenchResult.median(v)),
        "min", Samples.round(v[0]),
        "max", Samples.round(v[v.length - 1]));
  }
}
