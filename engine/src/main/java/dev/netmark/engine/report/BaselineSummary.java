package dev.netmark.engine.report;

import dev.netmark.api.Baseline;
import dev.netmark.api.Percentiles;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code RawBaseline} summary (docs/design.md, "Raw baseline"): each raw number the cluster
 * measured outside netmark (label {@code Side=raw}, or {@code Side=raw-concurrent} for one measured
 * on the test's pods during the test, {@code Side=machine} for the machine reference, which stands
 * alone) beside the run's own metric of the same name ({@code Side=netmark}, copied from the first
 * summary that has it; {@code Side=netmark-sampled} when the baseline carries netmark's number of
 * the same pods), a note per metric with both medians and their difference, and one on how loaded
 * the machine was ({@link MachineLoad}). None when the cluster measured no baseline.
 */
public final class BaselineSummary {
  public static final String NAME = "RawBaseline";
  static final String SIDE = "Side";

  /** The {@code Side} of netmark's number of the same pods a concurrent baseline measured. */
  static final String NETMARK_SAMPLED = "netmark-sampled";

  private BaselineSummary() {}

  static Optional<Summary> of(List<Baseline> baselines, List<Summary> run) {
    if (baselines.isEmpty()) {
      return Optional.empty();
    }
    List<DataItem> items = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Baseline b : baselines) {
      if (b.samples().isEmpty()) {
        notes.add(b.side() + " " + b.metric() + " not measured: " + b.how());
        continue;
      }
      Percentiles raw = Percentiles.of(b.samples());
      items.add(item(b.metric(), stats(raw), b.unit(), b.side()));
      notes.add(b.side() + " " + b.metric() + ": " + b.how());
      if (b.side().equals(Baseline.MACHINE)) {
        // The machine's own speed stands beside no metric of netmark's.
        continue;
      }
      Optional<DataItem> ours =
          b.netmark().isEmpty()
              ? netmark(run, b.metric()).map(i -> item(b.metric(), i.data(), i.unit(), "netmark"))
              : Optional.of(
                  item(b.metric(), stats(Percentiles.of(b.netmark())), b.unit(), NETMARK_SAMPLED));
      if (ours.isEmpty()) {
        notes.add(b.metric() + ": no netmark number in this run to set beside the raw one");
        continue;
      }
      String side = ours.get().labels().get(SIDE);
      items.add(ours.get());
      Double median = ours.get().data().get("Perc50");
      if (median != null && ours.get().unit().equals(b.unit())) {
        notes.add(
            String.format(
                Locale.ROOT,
                "%s Perc50: %s %.3f %s, %s %.3f %s, netmark minus raw %.3f %s",
                b.metric(),
                side,
                median,
                b.unit(),
                b.side(),
                raw.get(50),
                b.unit(),
                median - raw.get(50),
                b.unit()));
      }
    }
    MachineLoad.note(baselines).ifPresent(notes::add);
    return Optional.of(new Summary(NAME, items, List.of(), notes));
  }

  /** The first data item of the run labelled only {@code Metric=metric}. */
  private static Optional<DataItem> netmark(List<Summary> run, String metric) {
    return run.stream()
        .flatMap(s -> s.dataItems().stream())
        .filter(i -> i.labels().equals(Map.of("Metric", metric)))
        .findFirst();
  }

  private static Map<String, Double> stats(Percentiles p) {
    Map<String, Double> data = new LinkedHashMap<>(p.perfdash());
    data.put("Max", p.max());
    data.put("Count", (double) p.count());
    return data;
  }

  private static DataItem item(String metric, Map<String, Double> data, String unit, String side) {
    return new DataItem(data, unit, Map.of("Metric", metric, SIDE, side));
  }
}
