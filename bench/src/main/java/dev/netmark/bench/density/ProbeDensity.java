package dev.netmark.bench.density;

import dev.netmark.bench.BenchResult;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.ProbeTargets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code probe-density}: the prober at density. Local mode, 10 nodes x 30 netperf pods, bridge,
 * pods created at 10/s (configs/network-ready-latency.yaml, exactly as a user runs it). With bridge
 * the datapath is up when ADD returns, so {@code probe_<class>} is almost all the prober's own
 * delay. Prints per class the p50 and p99 of {@code probe_<class>}, the p50 and p99 of {@code
 * probe_wait} and of read minus arrival, and the shims' CPU seconds per netperf pod. Headline: the
 * worst class's p99. Goal (issue 11): p50 <= 10 ms, p99 <= 100 ms.
 *
 * <p>Usage: {@code ProbeDensity SOURCE_ROOT WORK_DIR}
 */
public final class ProbeDensity {
  private static final double P50_GOAL_MS = 10;
  private static final double P99_GOAL_MS = 100;

  private ProbeDensity() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: ProbeDensity SOURCE_ROOT WORK_DIR");
    }
    // Made first: it takes the load average before the work.
    BenchResult result =
        new BenchResult(
            "probe-density",
            "sudo hack/bench.sh probe-density" + (BenchResult.smoke() ? " --smoke" : ""));
    boolean smoke = BenchResult.smoke();
    int nodes = smoke ? 2 : 10;
    int podsPerNode = smoke ? 2 : 30;
    int qps = 10;
    int pods = nodes * podsPerNode;
    Path work = Files.createDirectories(Path.of(args[1]));
    long t0 = System.nanoTime();
    DensityRun.Outcome out =
        new DensityRun(Path.of(args[0]), work, DensityNetwork.PROBE_DENSITY)
            .networkReady(nodes, podsPerNode, qps);
    System.err.printf(
        Locale.ROOT, "probe-density: the run took %.1f s%n", (System.nanoTime() - t0) / 1e9);
    List<PodEvent> netperf =
        out.events().stream().filter(e -> !ProbeTargets.NAMESPACE.equals(e.namespace())).toList();
    ProbeStats stats = ProbeStats.of(netperf);
    if (stats.readyPods() != pods || out.shims() != nodes) {
      throw new IllegalStateException(
          "copied the NETWORK_READY records of "
              + stats.readyPods()
              + " of "
              + pods
              + " netperf pods and saw "
              + out.shims()
              + " of "
              + nodes
              + " shims before the run ended; see "
              + work.resolve("run.log"));
    }
    String worst = stats.worstClass();
    ProbeStats.Percentiles w = stats.byClass().get(worst);
    double cpuPerPod = out.shimCpuSeconds() / pods;
    double beforePods = out.cpuWhenFirst(e -> !ProbeTargets.NAMESPACE.equals(e.namespace()));
    double podsCpuPerPod = (out.shimCpuSeconds() - beforePods) / pods;
    Map<String, Object> classes = new LinkedHashMap<>();
    stats
        .byClass()
        .forEach(
            (target, p) -> {
              classes.put(target, p.json());
              System.out.printf(
                  Locale.ROOT,
                  "probe_%s: p50 %.1f ms, p99 %.1f ms (%d pods)%n",
                  target,
                  p.p50(),
                  p.p99(),
                  p.n());
            });
    Map<String, Object> afterWait = new LinkedHashMap<>();
    stats
        .afterWait()
        .forEach(
            (target, p) -> {
              afterWait.put(target, p.json());
              print("probe_" + target + " less probe_wait", p);
            });
    Map<String, Object> tails = new LinkedHashMap<>();
    stats
        .tails()
        .forEach(
            (target, t) -> {
              tails.put(target, t.json());
              System.out.printf(
                  Locale.ROOT,
                  "probe_%s at or above its p99 (%d pods, means): probe_wait %.1f ms, until the"
                      + " dating attempt was due %.1f ms, sent late %.1f ms; no unanswered attempt:"
                      + " %d of %d%n",
                  target,
                  t.pods(),
                  t.waitMs(),
                  t.untilDueMs(),
                  t.lateMs(),
                  t.firstAttempt(),
                  t.pods());
            });
    print("probe_wait", stats.probeWait());
    print("prober delay (read - arrival, all classes)", stats.proberDelay());
    System.out.printf(
        Locale.ROOT,
        "shim CPU: %.2f s over %d shims, %.4f s per netperf pod (JVM start-up included);"
            + " %.4f s per netperf pod from the first netperf pod on%n",
        out.shimCpuSeconds(),
        out.shims(),
        cpuPerPod,
        podsCpuPerPod);
    System.out.printf(
        Locale.ROOT,
        "worst class %s: p50 %.1f ms (goal <= %.0f), p99 %.1f ms (goal <= %.0f)%n",
        worst,
        w.p50(),
        P50_GOAL_MS,
        w.p99(),
        P99_GOAL_MS);
    result
        .headline(
            "worst probe class's p99 of probe_<class>, local mode "
                + nodes
                + " x "
                + podsPerNode
                + " pods, bridge",
            "ms",
            w.p99())
        .goal(
            "p50 <= 10 ms and p99 <= 100 ms",
            stats.worstP50() <= P50_GOAL_MS && w.p99() <= P99_GOAL_MS)
        .detail("nodes", nodes)
        .detail("podsPerNode", podsPerNode)
        .detail("podQps", qps)
        .detail("worstClass", worst)
        .detail("worstClassP50Ms", w.p50())
        .detail("highestP50OfAnyClassMs", stats.worstP50())
        .detail("probeClasses", classes)
        .detail("probeClassesLessProbeWait", afterWait)
        .detail("probeClassTails", tails)
        .detail("probeWait", stats.probeWait().json())
        .detail("proberDelayReadMinusArrival", stats.proberDelay().json())
        .detail("shimCpuSeconds", out.shimCpuSeconds())
        .detail("shimCpuSecondsPerNetperfPod", cpuPerPod)
        .detail("shimCpuSecondsPerNetperfPodFromFirstPod", podsCpuPerPod)
        .detail(
            "definitions",
            "probe_<class>: end of the successful ADD to the send time of the first answered"
                + " attempt (docs/design.md, \"What is measured\"); percentiles nearest rank over"
                + " the netperf pods' shim records; shim CPU: utime+stime from /proc/PID/stat of"
                + " every shim, read until teardown, start-up included, over the netperf pods;"
                + " FromFirstPod: less the CPU when the first netperf pod's record was copied")
        .finish();
  }

  private static void print(String what, ProbeStats.Percentiles p) {
    System.out.printf(
        Locale.ROOT, "%s: p50 %.2f ms, p99 %.2f ms (%d samples)%n", what, p.p50(), p.p99(), p.n());
  }
}
