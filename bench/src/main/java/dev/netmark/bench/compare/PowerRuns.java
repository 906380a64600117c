package dev.netmark.bench.compare;

import dev.netmark.engine.report.MachineReference;
import dev.netmark.testing.local.delay.DelayCni;
import dev.netmark.testing.local.delay.DelayTruth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's runs, U0 I0 U1 I1 ... Un: report directories {@code uK} and {@code iK} and the
 * plugin installs {@code cni-uK}, {@code cni-iK} (with its truth file) in the work directory.
 *
 * @param unchanged U0..Un, without delay
 * @param injected I0..In-1, with the delay on about one ADD in {@link ComparePower#ONE_IN}
 * @param delayedAdds per injected run, how many ADDs the plugin delayed
 */
record PowerRuns(List<Path> unchanged, List<Path> injected, List<Integer> delayedAdds) {
  /** The number of pairs of each kind. */
  int cycles() {
    return injected.size();
  }

  /** Makes {@code cycles} pairs of runs. */
  static PowerRuns make(PacedRun runs, Path work, int cycles)
      throws IOException, InterruptedException {
    List<Path> unchanged = new ArrayList<>();
    List<Path> injected = new ArrayList<>();
    for (int k = 0; k <= cycles; k++) {
      unchanged.add(runs.run("u" + k, DelayCni.install(work.resolve("cni-u" + k), 0, 0)));
      if (k < cycles) {
        DelayCni slow =
            DelayCni.install(
                work.resolve("cni-i" + k), ComparePower.DELAY_MS, 0, ComparePower.ONE_IN);
        injected.add(runs.run("i" + k, slow));
      }
      System.err.printf(Locale.ROOT, "compare-power: cycle %d of %d done%n", k, cycles);
    }
    return new PowerRuns(unchanged, injected, delayed(work, injected));
  }

  /** The runs already in {@code work}, as far as they go in order. */
  static PowerRuns found(Path work) {
    List<Path> unchanged = new ArrayList<>();
    List<Path> injected = new ArrayList<>();
    for (int k = 0; Files.isDirectory(work.resolve("u" + k)); k++) {
      unchanged.add(work.resolve("u" + k));
      if (!Files.isDirectory(work.resolve("i" + k))) {
        break;
      }
      injected.add(work.resolve("i" + k));
    }
    int cycles = Math.max(0, Math.min(injected.size(), unchanged.size() - 1));
    List<Path> i = injected.subList(0, cycles);
    return new PowerRuns(unchanged.subList(0, cycles + 1), i, delayed(work, i));
  }

  /** Median of the plugin's ADD less its injected delay over a run's pods, in ms. */
  static double bridgeMedian(Path run) {
    double[] v =
        truth(run).adds().values().stream()
            .mapToDouble(a -> a.addMillis() - a.addDelayMs())
            .sorted()
            .toArray();
    return v.length == 0 ? Double.NaN : v[v.length / 2];
  }

  /** Median of the run's machine reference ({@code machine_add}) in ms, NaN without one. */
  static double referenceMedian(Path run) {
    return MachineReference.read(run)
        .map(
            m -> {
              double[] v = m.values().clone();
              java.util.Arrays.sort(v);
              return v[v.length / 2];
            })
        .orElse(Double.NaN);
  }

  private static List<Integer> delayed(Path work, List<Path> injected) {
    return injected.stream()
        .map(
            run ->
                (int) truth(run).adds().values().stream().filter(a -> a.addDelayMs() > 0).count())
        .toList();
  }

  private static DelayTruth truth(Path run) {
    return DelayTruth.read(run.resolveSibling("cni-" + run.getFileName() + "/truth.jsonl"));
  }
}
