package dev.netmark.engine.compare;

import dev.netmark.api.Baseline;
import dev.netmark.engine.report.MachineReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The machine references of both sides (docs/design.md, "Machine reference"; docs/reports.md,
 * "Judged relative to the machine"): one sample array per run, in the sides' run order, or none
 * when any run lacks one, and then every latency is judged as measured.
 *
 * @param base per baseline run, its reference's samples; empty when not normalising
 * @param cand per candidate run, likewise
 * @param metric what the references timed, e.g. {@code machine_add}
 * @param missing the runs without a reference, when not normalising
 */
record MachineSpeeds(List<double[]> base, List<double[]> cand, String metric, List<Path> missing) {
  /** Units of time: the metrics judged relative to the machine. */
  static final Set<String> TIME_UNITS = Set.of("ns", "us", "µs", "ms", "s");

  /** The machine's speed moving by more than this factor between the sides draws a warning. */
  static final double DRIFT_WARNING = 1.5;

  static final MachineSpeeds NONE = new MachineSpeeds(List.of(), List.of(), "", List.of());

  /** Reads the references of every run; without one in every run, none are used. */
  static MachineSpeeds read(List<Path> baselines, List<Path> candidates) {
    List<Path> missing = new ArrayList<>();
    List<MachineReference> b = references(baselines, missing);
    List<MachineReference> c = references(candidates, missing);
    String metric = b.isEmpty() ? "" : b.getFirst().metric();
    return missing.isEmpty()
        ? new MachineSpeeds(values(b), values(c), metric, List.of())
        : new MachineSpeeds(List.of(), List.of(), metric, missing);
  }

  private static List<MachineReference> references(List<Path> dirs, List<Path> missing) {
    List<MachineReference> out = new ArrayList<>();
    for (Path d : dirs) {
      MachineReference.read(d).ifPresentOrElse(out::add, () -> missing.add(d));
    }
    return out;
  }

  private static List<double[]> values(List<MachineReference> refs) {
    return refs.stream().map(MachineReference::values).toList();
  }

  boolean normalising() {
    return !base.isEmpty();
  }

  /** Whether metrics in {@code unit} are judged relative to the machine. */
  boolean normalises(String unit) {
    return normalising() && TIME_UNITS.contains(unit);
  }

  /** The reference itself is no metric to judge: {@code RawBaseline}'s {@code Side=machine}. */
  static boolean isReference(MetricKey key) {
    return Baseline.MACHINE.equals(key.labels().get("Side"));
  }

  /**
   * The references of the runs of {@code side} that have {@code key}, in the order {@link
   * Side#samples} gives their samples.
   */
  static List<double[]> of(Side side, MetricKey key, List<double[]> refs) {
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < side.runs().size(); i++) {
      if (side.runs().get(i).items().containsKey(key)) {
        out.add(refs.get(i));
      }
    }
    return out;
  }

  /** The candidate's median reference over the baseline's: 2 means the machine ran half as fast. */
  double drift() {
    return median(pooledMedians(cand)) / median(pooledMedians(base));
  }

  /** The header lines of the comparison: what was normalised by, and how far the machine moved. */
  List<String> lines() {
    if (!normalising()) {
      return List.of(
          "machine reference: none in "
              + (missing.size() == 1 ? missing.getFirst() : missing)
              + " (kubemark runs, --no-raw-baseline, older reports): latencies judged as measured,"
              + " not relative to the machine's speed");
    }
    double drift = drift();
    List<String> out = new ArrayList<>();
    out.add(
        String.format(
            Locale.ROOT,
            "machine reference: %s median %.1f ms in the baseline, %.1f ms in the candidate"
                + " (the machine ran %s); latencies judged relative to it, each run's divided by"
                + " its own reference",
            metric,
            median(pooledMedians(base)),
            median(pooledMedians(cand)),
            drift >= 1
                ? String.format(Locale.ROOT, "%.2fx slower in the candidate", drift)
                : String.format(Locale.ROOT, "%.2fx faster in the candidate", 1 / drift)));
    if (drift > DRIFT_WARNING || drift < 1 / DRIFT_WARNING) {
      out.add(
          String.format(
              Locale.ROOT,
              "warning: the machine's speed moved by x%.2f between the runs (more than x%.1f):"
                  + " a verdict then rests on the CNI's work scaling with the machine's; rerun"
                  + " both on a quiet machine to be sure",
              drift,
              DRIFT_WARNING));
    }
    return out;
  }

  /** The median of each run's reference. */
  private static double[] pooledMedians(List<double[]> runs) {
    return runs.stream().mapToDouble(MachineSpeeds::median).toArray();
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
