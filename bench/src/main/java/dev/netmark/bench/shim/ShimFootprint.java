package dev.netmark.bench.shim;

import dev.netmark.bench.BenchResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code shim-footprint}: a real shim in front of a real containerd on one emulated node; the
 * shim's resident memory idle and with 110 netperf pods (kubelet's default max pods), its start-up
 * time to serving (process start to the first CRI Version answered through its socket and {@code
 * /healthz} answering), and containerd's resident memory in the same run. With the heap the node
 * image gives the shim ({@code -Xmx128m}, its NETMARK_SHIM_HEAP default) and uncapped; several
 * repetitions of each. The headline is the shim's VmRSS with the pods at -Xmx128m.
 *
 * <p>Usage: {@code ShimFootprint WORK_DIR}
 */
public final class ShimFootprint {
  // netmark-node-start runs the shim as: java -Xmx$NETMARK_SHIM_HEAP --enable-native-access=...
  private static final Map<String, List<String>> HEAPS =
      Map.of(
          "-Xmx128m", List.of("-Xmx128m", "--enable-native-access=ALL-UNNAMED"),
          "uncapped", List.of("--enable-native-access=ALL-UNNAMED"));
  private static final Duration SETTLE = Duration.ofSeconds(2);

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
            .detail("settle before each reading", SETTLE.toString());
    Map<String, List<Run>> runs = new LinkedHashMap<>();
    try (BenchNode node = BenchNode.create(1, work.resolve("node"))) {
      for (int r = 0; r < reps; r++) {
        // A smoke run keeps to the node image's heap, to stay within its CI time.
        for (String heap : smoke ? List.of("-Xmx128m") : List.of("-Xmx128m", "uncapped")) {
          Run run =
              Run.measure(node, work.resolve("rep" + r + heap), HEAPS.get(heap), pods, SETTLE);
          System.err.println(heap + " repetition " + (r + 1) + ": " + run);
          runs.computeIfAbsent(heap, k -> new ArrayList<>()).add(run);
        }
      }
    }
    runs.forEach((heap, list) -> result.detail(heap, summary(heap, list)));
    double[] headline = runs.get("-Xmx128m").stream().mapToDouble(Run::podsRssMiB).toArray();
    result.headline("shim VmRSS with " + pods + " netperf pods, -Xmx128m (MiB)", "MiB", headline);
    result.finish();
  }

  private static Map<String, Object> summary(String heap, List<Run> runs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("jvm flags", HEAPS.get(heap));
    m.put("start-up to serving ms", stats(runs, Run::startupMs));
    m.put("shim VmRSS idle MiB", stats(runs, Run::idleRssMiB));
    m.put("shim VmRSS with pods MiB", stats(runs, Run::podsRssMiB));
    m.put("shim VmHWM MiB", stats(runs, Run::podsHwmMiB));
    m.put("shim max RSS (time -v) MiB", stats(runs, Run::timeMaxRssMiB));
    m.put("containerd VmRSS idle MiB", stats(runs, Run::containerdIdleMiB));
    m.put("containerd VmRSS with the shim's pods MiB", stats(runs, Run::containerdPodsMiB));
    m.put(
        "shim / containerd VmRSS with pods",
        stats(runs, r -> r.podsRssMiB() / r.containerdPodsMiB()));
    System.err.printf(Locale.ROOT, "%s: %s%n", heap, m);
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
