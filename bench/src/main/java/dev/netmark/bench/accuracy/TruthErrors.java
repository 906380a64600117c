package dev.netmark.bench.accuracy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One truth's errors for one D/R pair: per repetition, the median absolute and signed error of
 * {@code cni_add} and of {@code network_ready} over the repetition's pods, in ms.
 */
final class TruthErrors {
  private final ToDoubleFunction<PodError> addError;
  private final ToDoubleFunction<PodError> readyError;
  private final List<Double> addAbs = new ArrayList<>();
  private final List<Double> readyAbs = new ArrayList<>();
  private final List<Double> addSigned = new ArrayList<>();
  private final List<Double> readySigned = new ArrayList<>();

  TruthErrors(ToDoubleFunction<PodError> addError, ToDoubleFunction<PodError> readyError) {
    this.addError = addError;
    this.readyError = readyError;
  }

  /** Adds one repetition's pods (at least one). */
  void add(List<PodError> pods) {
    if (pods.isEmpty()) {
      throw new IllegalArgumentException("a repetition without pods has no median");
    }
    addAbs.add(Stats.medianAbs(pods, addError));
    readyAbs.add(Stats.medianAbs(pods, readyError));
    addSigned.add(Stats.median(pods, addError));
    readySigned.add(Stats.median(pods, readyError));
  }

  boolean isEmpty() {
    return addAbs.isEmpty();
  }

  /** The last repetition's medians: |cni_add|, signed cni_add, |network_ready|, signed. */
  double[] last() {
    return new double[] {
      addAbs.getLast(), addSigned.getLast(), readyAbs.getLast(), readySigned.getLast()
    };
  }

  /** The median over repetitions of the median |cni_add| error. */
  double add() {
    return median(addAbs);
  }

  /** The median over repetitions of the median |network_ready| error. */
  double ready() {
    return median(readyAbs);
  }

  /** For the JSON details: per metric, the medians and the per-repetition values. */
  Map<String, Object> summary() {
    return Map.of(
        "cni_add", summary(addAbs, addSigned), "network_ready", summary(readyAbs, readySigned));
  }

  private static Map<String, Object> summary(List<Double> abs, List<Double> signed) {
    return Map.of(
        "medianAbsMs",
        median(abs),
        "perRepetitionAbsMs",
        List.copyOf(abs),
        "medianSignedMs",
        median(signed),
        "perRepetitionSignedMs",
        List.copyOf(signed));
  }

  private static double median(List<Double> values) {
    return Stats.median(values.stream().mapToDouble(Double::doubleValue).sorted().toArray());
  }
}
