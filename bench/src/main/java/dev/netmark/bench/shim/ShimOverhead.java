package dev.netmark.bench.shim;

import dev.netmark.bench.BenchResult;
import dev.netmark.contract.EventKind;
import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code shim-overhead}: CNI ADD of one conflist through a real shim's CRI path (RunPodSandbox of
 * netperf pods over its unix socket) against the same chain run by a plain script, interleaved A B
 * A B on one node, sequentially and 4 at a time. The headline is the sequential ratio of medians of
 * {@code cni_add} as the shim records it against the script's own timing of the same chain; the
 * RunPodSandbox round trip against the script's netns creation plus ADD is reported beside it.
 *
 * <p>Usage: {@code ShimOverhead HELPER_SH DIRECT_ADD_SH WORK_DIR}
 */
public final class ShimOverhead {
  private static final int[] PARALLELISM = {1, 4};

  private final Cri cri;
  private final DirectAdd direct;
  private int nextIndex;

  private ShimOverhead(Cri cri, DirectAdd direct) {
    this.cri = cri;
    this.direct = direct;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: ShimOverhead HELPER_SH DIRECT_ADD_SH WORK_DIR");
      System.exit(2);
    }
    boolean smoke = BenchResult.smoke();
    int pods = smoke ? 4 : 24;
    int rounds = smoke ? 1 : 5;
    int warmUp = smoke ? 2 : 8;
    Path work = Path.of(args[2]);
    BenchResult result =
        new BenchResult("shim-overhead", "sudo hack/bench.sh shim-overhead")
            .detail("pods per round and parallelism", pods)
            .detail("rounds", rounds)
            .detail("warm-up pairs", warmUp)
            .detail("conflist", "bridge + host-local + portmap + loopback (cniVersion 1.0.0)")
            .detail("shim JVM flags", shimFlags());
    try (BenchNode node = BenchNode.create(0, work.resolve("node"));
        ShimJvm shim =
            ShimJvm.start(
                node, work.resolve("shim"), shimFlags(), work.resolve("none.sock"), null);
        Cri cri = new Cri(shim.socket())) {
      shim.awaitServing(() -> true);
      ShimOverhead bench =
          new ShimOverhead(cri, new DirectAdd(Path.of(args[0]), Path.of(args[1]), node));
      bench.run(shim, result, pods, rounds, warmUp);
    }
    result.finish();
  }

  private static List<String> shimFlags() throws IOException, InterruptedException {
    return ShimJvm.launcherFlags();
  }

  private void run(ShimJvm shim, BenchResult result, int pods, int rounds, int warmUp)
      throws Exception {
    for (int i = 0; i < warmUp; i++) {
      pair(new Round(), 1);
    }
    Map<Integer, List<Round>> byParallelism = new LinkedHashMap<>();
    for (int r = 0; r < rounds; r++) {
      for (int p : PARALLELISM) {
        Round round = new Round();
        for (int batch = 0; batch < pods / p; batch++) {
          pair(round, p);
        }
        byParallelism.computeIfAbsent(p, k -> new ArrayList<>()).add(round);
      }
    }
    Map<String, Double> cniAdd = cniAddByUid(shim.records());
    double[] headline = null;
    for (int p : PARALLELISM) {
      double[] ratios = report(result, p, byParallelism.get(p), cniAdd);
      if (p == 1) {
        headline = ratios;
      }
    }
    result.headline(
        "ratio of median CNI ADD, shim cni_add / script, sequential", "ratio", headline);
    result.goal("<= 1.10", BenchResult.median(sorted(headline)) <= 1.10);
  }

  /**
   * Step A, {@code p} pods at once through the shim, then step B, {@code p} pods at once through
   * the script; each pod is deleted right after its ADD, on both sides alike.
   */
  private void pair(Round round, int p) throws Exception {
    List<Runnable> shimPods = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      String uid = "nso-pod-" + nextIndex++;
      round.shimPods.add(uid);
      shimPods.add(
          () -> {
            long start = System.nanoTime();
            String id = cri.runNetperfPod(uid, uid);
            round.sandboxRoundTrip.add((System.nanoTime() - start) / 1e6);
            cri.stopAndRemove(id);
          });
    }
    inParallel(shimPods);
    List<Runnable> scriptPods = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      int index = nextIndex++;
      scriptPods.add(
          () -> {
            DirectAdd.Timing t = direct.run(index);
            round.scriptAdd.add(t.addMs());
            round.scriptNetnsAndAdd.add(t.totalMs());
          });
    }
    inParallel(scriptPods);
  }

  private static void inParallel(List<Runnable> tasks) throws Exception {
    if (tasks.size() == 1) {
      tasks.getFirst().run();
      return;
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(tasks.size())) {
      List<Future<?>> futures = tasks.stream().<Future<?>>map(pool::submit).toList();
      for (Future<?> f : futures) {
        f.get();
      }
    }
  }

  private static Map<String, Double> cniAddByUid(List<PodEvent> records) {
    Map<String, Double> ms = new HashMap<>();
    for (PodEvent e : records) {
      if (e.kind() == EventKind.ADD) {
        ms.put(e.uid(), e.seconds().get(MetricNames.CNI_ADD) * 1000);
      }
    }
    return ms;
  }

  /** Prints and records parallelism {@code p}; returns the per-round ratios of cni_add. */
  private static double[] report(
      BenchResult result, int p, List<Round> rounds, Map<String, Double> cniAdd) {
    double[] ratios = new double[rounds.size()];
    double[] rttRatios = new double[rounds.size()];
    Samples shim = new Samples();
    Samples rtt = new Samples();
    Samples script = new Samples();
    Samples scriptTotal = new Samples();
    for (int r = 0; r < rounds.size(); r++) {
      Round round = rounds.get(r);
      Samples roundShim = round.shimCniAdd(cniAdd);
      ratios[r] = roundShim.median() / round.scriptAdd.median();
      rttRatios[r] = round.sandboxRoundTrip.median() / round.scriptNetnsAndAdd.median();
      shim.addAll(roundShim);
      rtt.addAll(round.sandboxRoundTrip);
      script.addAll(round.scriptAdd);
      scriptTotal.addAll(round.scriptNetnsAndAdd);
    }
    String key = p == 1 ? "sequential" : "parallelism " + p;
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("shim cni_add", shim.summary());
    d.put("script add", script.summary());
    d.put("ratio of medians per round (cni_add / script add)", round(ratios));
    d.put("median ratio", Samples.round(BenchResult.median(sorted(ratios))));
    d.put("shim RunPodSandbox round trip", rtt.summary());
    d.put("script netns + add", scriptTotal.summary());
    d.put("ratio of medians per round (round trip / script netns + add)", round(rttRatios));
    d.put("median round-trip ratio", Samples.round(BenchResult.median(sorted(rttRatios))));
    result.detail(key, d);
    System.err.printf(
        Locale.ROOT,
        "%s: shim cni_add %s; script add %s; ratio %.3f, per round %s%n"
            + "%s: RunPodSandbox round trip %s; script netns+add %s; ratio %.3f, per round %s%n",
        key,
        shim,
        script,
        BenchResult.median(sorted(ratios)),
        Arrays.toString(round(ratios)),
        key,
        rtt,
        scriptTotal,
        BenchResult.median(sorted(rttRatios)),
        Arrays.toString(round(rttRatios)));
    return ratios;
  }

  private static double[] sorted(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s;
  }

  private static double[] round(double[] v) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = Samples.round(v[i]);
    }
    return r;
  }
}
