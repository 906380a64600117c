package dev.netmark.engine.compare;

import dev.netmark.api.SampleSet;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import dev.netmark.api.TimeSeries;
import dev.netmark.engine.report.data.RunFilesReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One side of a comparison (baseline or candidate): one or more runs of the same setup, each read
 * from its report directory.
 *
 * @param role "baseline" or "candidate"
 * @param runs the runs, in the order given
 */
record Side(String role, List<Run> runs) {
  /** The summary whose time series {@code compare} tests as per-second throughput samples. */
  static final String THROUGHPUT_SUMMARY = "NetworkReadyThroughput";

  static final String THROUGHPUT_METRIC = "throughput";

  Side {
    runs = List.copyOf(runs);
  }

  /**
   * One run: its directory, perfdash items and per-pod samples by metric.
   *
   * @param dir the report directory
   * @param items the perfdash data items by metric
   * @param samples per-pod samples by metric; for throughput the network-ready pods per second over
   *     its ready window (docs/design.md, "Throughput")
   */
  record Run(Path dir, Map<MetricKey, DataItem> items, Map<MetricKey, double[]> samples) {
    /** The run of {@code dir}, from its summaries as {@link RunFilesReader} read them. */
    static Run of(Path dir, List<Summary> summaries) {
      Map<MetricKey, DataItem> items = new TreeMap<>();
      Map<MetricKey, double[]> samples = new TreeMap<>();
      for (Summary s : summaries) {
        s.dataItems().forEach(i -> items.put(new MetricKey(s.name(), i.labels()), i));
        for (SampleSet set : s.data().samples()) {
          samples.put(new MetricKey(s.name(), set.labels()), set.values());
        }
      }
      for (Summary s : summaries) {
        MetricKey key = new MetricKey(s.name(), Map.of("Metric", THROUGHPUT_METRIC));
        if (!s.name().startsWith(THROUGHPUT_SUMMARY) || !items.containsKey(key)) {
          continue;
        }
        for (TimeSeries t : s.data().series()) {
          double[] perSecond = readyWindow(t.total());
          if (perSecond.length > 0) {
            samples.put(key, perSecond);
          }
        }
      }
      return new Run(dir, items, samples);
    }
  }

  /**
   * Reads the runs of one side.
   *
   * @throws IllegalArgumentException when a directory has no perfdash summaries
   */
  static Side read(String role, List<Path> dirs) {
    List<Run> runs = new ArrayList<>();
    for (Path dir : dirs) {
      List<Summary> summaries = RunFilesReader.read(dir);
      if (summaries.stream().allMatch(s -> s.dataItems().isEmpty())) {
        throw new IllegalArgumentException(
            "the "
                + role
                + " directory "
                + dir
                + " has no perfdash summaries (*.json): is it the"
                + " --report-dir of a netmark run?");
      }
      runs.add(Run.of(dir, summaries));
    }
    return new Side(role, runs);
  }

  /** The counts from the first to the last non-empty bucket (the ready window). */
  static double[] readyWindow(long[] counts) {
    int first = 0;
    while (first < counts.length && counts[first] == 0) {
      first++;
    }
    int last = counts.length - 1;
    while (last >= first && counts[last] == 0) {
      last--;
    }
    return first > last
        ? new double[0]
        : Arrays.stream(Arrays.copyOfRange(counts, first, last + 1)).asDoubleStream().toArray();
  }

  /** Every metric of any run, in key order. */
  Set<MetricKey> keys() {
    Set<MetricKey> out = new TreeSet<>();
    runs.forEach(r -> out.addAll(r.items().keySet()));
    return out;
  }

  /** The metric's item in every run that has it. */
  List<DataItem> items(MetricKey key) {
    List<DataItem> out = new ArrayList<>();
    runs.forEach(
        r -> {
          DataItem i = r.items().get(key);
          if (i != null) {
            out.add(i);
          }
        });
    return out;
  }

  /**
   * The metric's samples per run, or null unless every run that has the metric kept at least {@code
   * min} samples of it.
   */
  List<double[]> samples(MetricKey key, int min) {
    List<double[]> out = new ArrayList<>();
    for (Run r : runs) {
      if (!r.items().containsKey(key)) {
        continue;
      }
      double[] s = r.samples().get(key);
      if (s == null || s.length < min) {
        return null;
      }
      out.add(s);
    }
    return out.isEmpty() ? null : out;
  }
}
