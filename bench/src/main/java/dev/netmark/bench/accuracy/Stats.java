package dev.netmark.bench.accuracy;

import dev.netmark.bench.BenchResult;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Medians of errors. */
final class Stats {
  private Stats() {}

  static double median(double[] sorted) {
    return BenchResult.median(sorted);
  }

  /** The median of {@code |f(pod)|}. */
  static <T> double medianAbs(List<T> pods, ToDoubleFunction<T> f) {
    return median(pods.stream().mapToDouble(p -> Math.abs(f.applyAsDouble(p))).sorted().toArray());
  }

  /** The median of {@code f(pod)}, signed: a positive one means netmark measures more. */
  static <T> double median(List<T> pods, ToDoubleFunction<T> f) {
    return median(pods.stream().mapToDouble(f).sorted().toArray());
  }

  /** Per probe class, the median gap from restore to first success, e.g. {@code same_node=4.0}. */
  static String probeGaps(List<PodError> pods) {
    return probeGaps(pods, PodError::probeGaps);
  }

  /** As {@link #probeGaps(List)}, of the gaps {@code gaps} gives per pod. */
  static String probeGaps(
      List<PodError> pods,
      java.util.function.Function<PodError, java.util.Map<String, Double>> gaps) {
    java.util.Map<String, List<Double>> byClass = new java.util.TreeMap<>();
    pods.forEach(
        p ->
            gaps.apply(p)
                .forEach(
                    (k, v) -> byClass.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(v)));
    java.util.StringJoiner out = new java.util.StringJoiner(", ");
    byClass.forEach(
        (k, v) ->
            out.add(
                String.format(
                    java.util.Locale.ROOT,
                    "%s=%.1f",
                    k,
                    median(v.stream().mapToDouble(Double::doubleValue).sorted().toArray()))));
    return out.toString();
  }

  static double max(double[] values) {
    return Arrays.stream(values).max().orElseThrow();
  }
}
