package dev.netmark.bench.compare;

import dev.netmark.bench.BenchResult;
import dev.netmark.engine.compare.Compare;
import dev.netmark.testing.local.host.Leftovers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code compare-power}: how often {@code netmark compare}, with its defaults, calls two unchanged
 * paced runs a regression (false alarms), and how often it catches a tail regression: {@value
 * #DELAY_MS} ms added to about one CNI ADD in {@value #ONE_IN} by {@code netmark-delay}.
 *
 * <p>Runs alternate U0 I0 U1 I1 ... U(n): unchanged pairs are (Uk, Uk+1), back to back but for one
 * run, and regression pairs (Uk, Ik). Every run uses netmark-delay, so the injected delay is the
 * only difference. The headline is the false-alarm rate in % with three runs a side, as
 * docs/reports.md advises a periodic job on this machine: unchanged windows U(k..k+2) against
 * U(k+3..k+5), injected ones U(k..k+2) against I(k..k+2); the detection rate goes beside it, and
 * one run a side in the details.
 *
 * <p>Usage: {@code ComparePower SOURCE_ROOT WORK_DIR [--analyze]}; with {@code --analyze} no run is
 * made: the report directories already in WORK_DIR ({@code u0}, {@code i0}, {@code u1}, ... as far
 * as they go in that order) are compared, e.g. after a run was cut short. Without it, WORK_DIR is
 * emptied first.
 */
public final class ComparePower {
  static final int DELAY_MS = 500;

  /**
   * Cycles unless {@code COMPARE_CYCLES} says otherwise: 16 unchanged runs make 11 windows of three
   * runs a side against the next three, the goal's "at least 10 unchanged pairs".
   */
  static final int CYCLES = 15;

  static final int ONE_IN = 4;

  /** Pods per node of each run unless {@code COMPARE_PODS_PER_NODE} says otherwise. */
  static final int PODS_PER_NODE = 12;

  /** Warm-up pods per node unless {@code COMPARE_WARMUP_PODS_PER_NODE} says otherwise. */
  static final int WARMUP_PODS_PER_NODE = 3;

  /** The metrics a CNI latency gate names ({@code compare --metrics}): the delay moves both. */
  static final List<String> GATED = List.of("cni_add", "network_ready");

  private ComparePower() {}

  public static void main(String[] args) throws Exception {
    boolean analyzeOnly = args.length == 3 && args[2].equals("--analyze");
    if (args.length != 2 && !analyzeOnly) {
      throw new IllegalArgumentException("usage: ComparePower SOURCE_ROOT WORK_DIR [--analyze]");
    }
    BenchResult result = new BenchResult("compare-power", "hack/bench.sh compare-power");
    boolean smoke = BenchResult.smoke();
    int cycles =
        smoke ? 1 : Integer.parseInt(System.getenv().getOrDefault("COMPARE_CYCLES", "" + CYCLES));
    int nodes = smoke ? 1 : 3;
    // Pods per node of each run: more pods per run shrink each run's intervals and dilute the
    // slow first pods of each node (the run's own JVMs warming up), as a periodic job would.
    int podsPerNode =
        smoke
            ? 3
            : Integer.parseInt(
                System.getenv().getOrDefault("COMPARE_PODS_PER_NODE", "" + PODS_PER_NODE));
    int qps = 4;
    // Warm-up pods per node, made network-ready before the measurements start and left out of
    // them: without them each node's first 3-4 pods were 3-8x slower than the rest (its JVM and
    // caches warming up), and how many were slow, and how slow, varied from run to run.
    int warmup =
        Integer.parseInt(
            System.getenv()
                .getOrDefault(
                    "COMPARE_WARMUP_PODS_PER_NODE", "" + (smoke ? 1 : WARMUP_PODS_PER_NODE)));
    Path work = Path.of(args[1]);
    if (!analyzeOnly) {
      // Runs, plugin installs and comparisons of an earlier benchmark (maybe with more cycles)
      // would otherwise stay beside this one's, and --analyze would take them up.
      Leftovers.deleteTree(work);
    }
    Files.createDirectories(work);
    PowerRuns power =
        analyzeOnly
            ? PowerRuns.found(work)
            : PowerRuns.make(
                new PacedRun(Path.of(args[0]), work, nodes, podsPerNode, qps, warmup),
                work,
                cycles);
    cycles = power.cycles();
    List<Path> unchanged = power.unchanged();
    List<Path> injected = power.injected();
    List<Integer> delayedAdds = power.delayedAdds();
    List<String> alarms = new ArrayList<>();
    List<String> misses = new ArrayList<>();
    Map<String, Object> verdicts = new LinkedHashMap<>();
    int falseAlarms = 0;
    int detected = 0;
    int measuredAlarms = 0;
    int measuredDetected = 0;
    int gatedAlarms = 0;
    int gatedDetected = 0;
    Compare.Options asMeasured =
        new Compare.Options(Compare.DEFAULT_TOLERANCE, 0.05, false, false, true);
    Compare.Options gated =
        new Compare.Options(
            Compare.DEFAULT_TOLERANCE, 0.05, false, false, false, Set.copyOf(GATED));
    for (int k = 0; k < cycles; k++) {
      gatedAlarms +=
          Compare.run(List.of(unchanged.get(k)), List.of(unchanged.get(k + 1)), gated).exitCode();
      gatedDetected +=
          Compare.run(List.of(unchanged.get(k)), List.of(injected.get(k)), gated).exitCode();
      measuredAlarms +=
          Compare.run(List.of(unchanged.get(k)), List.of(unchanged.get(k + 1)), asMeasured)
              .exitCode();
      measuredDetected +=
          Compare.run(List.of(unchanged.get(k)), List.of(injected.get(k)), asMeasured).exitCode();
      Compare.Outcome same =
          Compare.run(
              List.of(unchanged.get(k)), List.of(unchanged.get(k + 1)), Compare.Options.defaults());
      Compare.Outcome slow =
          Compare.run(
              List.of(unchanged.get(k)), List.of(injected.get(k)), Compare.Options.defaults());
      Files.writeString(work.resolve("compare-u" + k + "-u" + (k + 1) + ".txt"), same.text());
      Files.writeString(work.resolve("compare-u" + k + "-i" + k + ".txt"), slow.text());
      if (same.exitCode() != 0) {
        falseAlarms++;
        alarms.add("u" + k + "/u" + (k + 1) + ": " + verdict(same.text()));
      }
      if (slow.exitCode() != 0) {
        detected++;
      } else {
        misses.add("u" + k + "/i" + k);
      }
      verdicts.put("u" + k + "/u" + (k + 1), verdict(same.text()));
      verdicts.put("u" + k + "/i" + k, verdict(slow.text()));
    }
    // Steadiness: the plugin's own bridge work (its ADD less the injected delay), median per run.
    // Pairs whose medians differ by more than STEADY are ones where the machine, not the setup,
    // changed (other jobs on a shared machine); their verdicts are counted apart.
    Map<String, Double> bridgeMs = new LinkedHashMap<>();
    Map<String, Double> referenceMs = new LinkedHashMap<>();
    for (Path run : concat(unchanged, injected)) {
      bridgeMs.put(run.getFileName().toString(), PowerRuns.bridgeMedian(run));
      referenceMs.put(run.getFileName().toString(), PowerRuns.referenceMedian(run));
    }
    int steadyUnchanged = 0;
    int steadyAlarms = 0;
    int steadyInjected = 0;
    int steadyDetected = 0;
    for (int k = 0; k < cycles; k++) {
      if (steady(bridgeMs.get("u" + k), bridgeMs.get("u" + (k + 1)))) {
        steadyUnchanged++;
        steadyAlarms +=
            verdicts.get("u" + k + "/u" + (k + 1)).toString().contains("REGRESSION") ? 1 : 0;
      }
      if (steady(bridgeMs.get("u" + k), bridgeMs.get("i" + k))) {
        steadyInjected++;
        steadyDetected +=
            verdicts.get("u" + k + "/i" + k).toString().contains("REGRESSION") ? 1 : 0;
      }
    }
    // The same runs judged with other tolerances, and three runs a side (overlapping windows).
    Map<String, Object> byTolerance = new LinkedHashMap<>();
    for (double tolerance : new double[] {0.10, 0.25, 0.50}) {
      Compare.Options o = new Compare.Options(tolerance, 0.05, false, false);
      int fa = 0;
      int det = 0;
      for (int k = 0; k < cycles; k++) {
        fa += Compare.run(List.of(unchanged.get(k)), List.of(unchanged.get(k + 1)), o).exitCode();
        det += Compare.run(List.of(unchanged.get(k)), List.of(injected.get(k)), o).exitCode();
      }
      byTolerance.put(
          String.format(Locale.ROOT, "%.0f%%", tolerance * 100),
          Map.of(
              "oneRunASide",
              Map.of("falseAlarms", fa + " of " + cycles, "detected", det + " of " + cycles),
              "threeRunsASide",
              judge(unchanged, injected, o, 3).toMap()));
    }
    // The headline: the docs' advice for a periodic job on this machine (docs/reports.md, "How
    // many runs"), three runs a side with the defaults; one run a side goes beside it.
    // Each number of runs a side is judged once, with the defaults and with the gate; the headline
    // and the details read those judgements.
    Map<Integer, Judged> byDefaults = judgedByRuns(unchanged, injected, Compare.Options.defaults());
    Map<Integer, Judged> byGate = judgedByRuns(unchanged, injected, gated);
    Judged headline = byDefaults.get(cycles >= 5 ? HEADLINE_RUNS : 1);
    double falseAlarmPct = headline.falseAlarmPercent();
    double detectionPct = headline.detectionPercent();
    result
        .headline(
            "false alarms of netmark compare (defaults, "
                + headline.runsASide()
                + " run(s) a side) over "
                + headline.windows()
                + " unchanged windows; detection "
                + String.format(Locale.ROOT, "%.0f%%", detectionPct)
                + " of "
                + DELAY_MS
                + " ms on 1 ADD in "
                + ONE_IN,
            "%",
            falseAlarmPct)
        .goal(
            "<= 5% false alarms, >= 90% detection, over >= 10 unchanged windows",
            falseAlarmPct <= 5 && detectionPct >= 90 && headline.windows() >= 10)
        .detail(
            "oneRunASide",
            Map.of(
                "falseAlarms",
                falseAlarms + " of " + cycles,
                "detected",
                detected + " of " + cycles))
        .detail("detectionPercent", detectionPct)
        .detail("headline", headline.toMap())
        .detail("pairs", cycles)
        .detail("nodes", nodes)
        .detail("podsPerNode", podsPerNode)
        .detail("podQps", qps)
        .detail("warmupPodsPerNode", analyzeOnly ? "as the runs were made" : warmup)
        .detail("delayedAddsPerInjectedRun", delayedAdds)
        .detail("falseAlarms", alarms)
        .detail("missedRegressions", misses)
        .detail("verdicts", verdicts)
        .detail("byTolerance", byTolerance)
        .detail("machineBridgeMedianMs", bridgeMs)
        .detail("machineReferenceMedianMs", referenceMs)
        .detail(
            "asMeasured",
            Map.of(
                "definition",
                "the same pairs judged with --as-measured (no machine reference)",
                "falseAlarms",
                measuredAlarms + " of " + cycles,
                "detected",
                measuredDetected + " of " + cycles))
        .detail(
            "gated",
            Map.of(
                "definition",
                "the same pairs judged with --metrics " + String.join(",", GATED),
                "falseAlarms",
                gatedAlarms + " of " + cycles,
                "detected",
                gatedDetected + " of " + cycles,
                "threeRunsASide",
                byGate.get(3).toMap()))
        .detail("runsASide", runsASide(byDefaults, byGate))
        .detail(
            "steadyPairs",
            Map.of(
                "definition",
                "bridge-work medians of the two runs within a factor " + STEADY,
                "falseAlarms",
                steadyAlarms + " of " + steadyUnchanged,
                "detected",
                steadyDetected + " of " + steadyInjected))
        .detail(
            "definitions",
            "netmark compare with its defaults (tolerance 10%, alpha 0.05 family-wise, Holm;"
                + " latencies relative to each run's machine reference) on runs of"
                + " configs/network-ready-latency.yaml, POD_QPS=4, podsPerNode pods a node after"
                + " warmupPodsPerNode warm-up pods, in local mode with netmark-delay as the CNI,"
                + " made U0 I0 U1 I1 ...; headline: three runs a side, unchanged window ="
                + " U(k..k+2) against U(k+3..k+5), regression window = U(k..k+2) against"
                + " I(k..k+2); oneRunASide and verdicts: unchanged pair = (Uk, Uk+1), regression"
                + " pair = (Uk, Ik); Ik adds "
                + DELAY_MS
                + " ms to the ADDs of pods whose UID hashes to a multiple of "
                + ONE_IN)
        .finish();
  }

  /**
   * What {@code n} runs a side made of the runs: false alarms over unchanged windows and detections
   * over injected ones.
   */
  record Judged(int runsASide, int falseAlarms, int windows, int detected, int injectedWindows) {
    double falseAlarmPercent() {
      return 100.0 * falseAlarms / windows;
    }

    double detectionPercent() {
      return 100.0 * detected / injectedWindows;
    }

    Map<String, Object> toMap() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("falseAlarms", falseAlarms + " of " + windows);
      out.put("detected", detected + " of " + injectedWindows);
      return out;
    }
  }

  /**
   * {@code n} runs a side, overlapping windows: unchanged windows U(k..k+n-1) against
   * U(k+n..k+2n-1), injected ones U(k..k+n-1) against I(k..k+n-1); false alarms and detections.
   */
  static Judged judge(List<Path> unchanged, List<Path> injected, Compare.Options o, int n) {
    int fa = 0;
    int windows = 0;
    for (int k = 0; k + 2 * n <= unchanged.size(); k++, windows++) {
      fa +=
          Compare.run(unchanged.subList(k, k + n), unchanged.subList(k + n, k + 2 * n), o)
                      .exitCode()
                  == 0
              ? 0
              : 1;
    }
    int det = 0;
    int injectedWindows = 0;
    for (int k = 0; k + n <= injected.size(); k++, injectedWindows++) {
      det +=
          Compare.run(unchanged.subList(k, k + n), injected.subList(k, k + n), o).exitCode() == 0
              ? 0
              : 1;
    }
    return new Judged(n, fa, windows, det, injectedWindows);
  }

  /** 1 to {@value #MOST_RUNS_A_SIDE} runs a side, each judged with {@code o}. */
  private static Map<Integer, Judged> judgedByRuns(
      List<Path> unchanged, List<Path> injected, Compare.Options o) {
    Map<Integer, Judged> out = new LinkedHashMap<>();
    for (int n = 1; n <= MOST_RUNS_A_SIDE; n++) {
      out.put(n, judge(unchanged, injected, o, n));
    }
    return out;
  }

  /**
   * Defaults and the gate with 1 to {@value #MOST_RUNS_A_SIDE} runs a side: how many repetitions a
   * periodic job needs on this machine (docs/reports.md, "How many runs").
   */
  private static Map<String, Object> runsASide(
      Map<Integer, Judged> byDefaults, Map<Integer, Judged> byGate) {
    Map<String, Object> out = new LinkedHashMap<>();
    byDefaults.forEach(
        (n, judged) ->
            out.put(
                String.valueOf(n),
                Map.of("defaults", judged.toMap(), "gated", byGate.get(n).toMap())));
    return out;
  }

  /** Runs a side of the headline: what docs/reports.md advises a periodic job on this machine. */
  static final int HEADLINE_RUNS = 3;

  /** The most runs a side {@code runsASide} judges. */
  static final int MOST_RUNS_A_SIDE = 4;

  private static List<Path> concat(List<Path> a, List<Path> b) {
    List<Path> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** Largest over smallest bridge-work median of a steady pair. */
  static final double STEADY = 1.25;

  private static boolean steady(double a, double b) {
    return Math.max(a, b) <= STEADY * Math.min(a, b);
  }

  /** {@code REGRESSION in 8 metric(s)} or {@code no significant regression}. */
  private static String verdict(String text) {
    return text.lines()
        .filter(l -> l.startsWith("Verdict: "))
        .map(l -> l.substring("Verdict: ".length()).replaceFirst(":.*", ""))
        .findFirst()
        .orElse("?");
  }
}
