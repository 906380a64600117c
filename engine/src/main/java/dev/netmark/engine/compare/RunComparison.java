package dev.netmark.engine.compare;

import dev.netmark.api.Summary.DataItem;
import dev.netmark.engine.compare.MetricComparison.Verdict;
import dev.netmark.engine.measurement.Percentiles;
import dev.netmark.engine.report.data.PerfdashFile;
import dev.netmark.engine.report.data.ReportData;
import dev.netmark.engine.report.data.SampleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * Compares two report directories metric by metric. A metric regressed when its per-pod samples
 * differ significantly (two-sided Mann-Whitney U, p < alpha) and the candidate's median is worse
 * than the baseline's by more than the tolerance: the test alone flags tiny shifts on large runs,
 * the tolerance alone flags noise on small ones.
 *
 * @param metrics the metrics both runs have, in key order
 * @param onlyBaseline metrics missing from the candidate
 * @param onlyCandidate metrics new in the candidate
 */
record RunComparison(
    List<MetricComparison> metrics, List<MetricKey> onlyBaseline, List<MetricKey> onlyCandidate) {
  /** Samples smaller than this are not tested: the U test has no power there. */
  static final int MIN_SAMPLES = 3;

  private static final List<String> FIRST = List.of("Perc50", "Perc90", "Perc99", "Max");

  static RunComparison of(
      ReportData baseline, ReportData candidate, double tolerance, double alpha) {
    Map<MetricKey, DataItem> base = items(baseline);
    Map<MetricKey, DataItem> cand = items(candidate);
    Map<MetricKey, double[]> baseSamples = samples(baseline);
    Map<MetricKey, double[]> candSamples = samples(candidate);
    List<MetricComparison> out = new ArrayList<>();
    for (var e : base.entrySet()) {
      DataItem c = cand.get(e.getKey());
      if (c != null) {
        out.add(
            compare(
                e.getKey(),
                e.getValue(),
                c,
                baseSamples.get(e.getKey()),
                candSamples.get(e.getKey()),
                tolerance,
                alpha));
      }
    }
    return new RunComparison(
        out,
        base.keySet().stream().filter(k -> !cand.containsKey(k)).toList(),
        cand.keySet().stream().filter(k -> !base.containsKey(k)).toList());
  }

  List<MetricComparison> regressions() {
    return regressions(false);
  }

  /**
   * The regressed metrics; with {@code strict} also those worse beyond the tolerance that could not
   * be tested (no per-pod samples, e.g. throughput).
   */
  List<MetricComparison> regressions(boolean strict) {
    return metrics.stream()
        .filter(
            m ->
                m.verdict() == Verdict.REGRESSION
                    || (strict && m.verdict() == Verdict.UNTESTED_WORSE))
        .toList();
  }

  private static MetricComparison compare(
      MetricKey key,
      DataItem base,
      DataItem cand,
      double[] x,
      double[] y,
      double tolerance,
      double alpha) {
    Direction direction = Direction.of(base.unit());
    List<StatChange> stats = new ArrayList<>();
    TreeSet<String> common = new TreeSet<>(base.data().keySet());
    common.retainAll(cand.data().keySet());
    FIRST.stream().filter(common::remove).forEach(s -> stats.add(change(s, base, cand)));
    common.forEach(s -> stats.add(change(s, base, cand)));
    if (x != null && y != null && x.length >= MIN_SAMPLES && y.length >= MIN_SAMPLES) {
      double p = new MannWhitneyUTest().mannWhitneyUTest(x, y);
      double worse = direction.worsening(Percentiles.of(x).get(50), Percentiles.of(y).get(50));
      Verdict v = Verdict.SAME;
      if (p < alpha && worse > tolerance) {
        v = Verdict.REGRESSION;
      } else if (p < alpha && worse < -tolerance) {
        v = Verdict.IMPROVEMENT;
      }
      return new MetricComparison(key, base.unit(), stats, p, worse, "median", v);
    }
    // Throughput items carry Average, Peak and Count but no percentiles.
    String stat =
        base.data().containsKey("Perc50") && cand.data().containsKey("Perc50")
            ? "Perc50"
            : "Average";
    Double b = base.data().get(stat);
    Double c = cand.data().get(stat);
    double worse = b == null || c == null ? Double.NaN : direction.worsening(b, c);
    Verdict v = worse > tolerance ? Verdict.UNTESTED_WORSE : Verdict.UNTESTED;
    return new MetricComparison(
        key,
        base.unit(),
        stats,
        Double.NaN,
        worse,
        stat.equals("Perc50") ? "median" : "average",
        v);
  }

  private static StatChange change(String stat, DataItem base, DataItem cand) {
    return new StatChange(stat, base.data().get(stat), cand.data().get(stat));
  }

  private static Map<MetricKey, DataItem> items(ReportData data) {
    Map<MetricKey, DataItem> out = new TreeMap<>();
    for (PerfdashFile f : data.perfdash()) {
      f.items().forEach(i -> out.put(new MetricKey(f.summary(), i.labels()), i));
    }
    return out;
  }

  private static Map<MetricKey, double[]> samples(ReportData data) {
    Map<MetricKey, double[]> out = new TreeMap<>();
    for (SampleSet s : data.samples()) {
      out.put(new MetricKey(s.summary(), s.labels()), s.values());
    }
    return out;
  }
}
