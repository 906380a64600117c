package dev.netmark.api;

import java.util.List;

/**
 * What a {@link Summary} carries besides its data items: the per-pod samples and time series its
 * numbers came from and any raw data worth keeping. The engine holds it with the summary, draws
 * {@code report.html} from it and writes it once under the report's {@code data/} directory, where
 * {@code netmark compare} reads it back.
 *
 * @param gatherMs epoch ms of the gather that produced it; part of the file names
 * @param samples one set per data item that has per-pod samples
 * @param series at most one time series (its file is named by the summary and gather)
 * @param files other raw data, one file each, of different kinds
 */
public record SummaryData(
    long gatherMs, List<SampleSet> samples, List<TimeSeries> series, List<DataFile> files) {
  /** No data: the default of a summary. */
  public static final SummaryData NONE = new SummaryData(0, List.of(), List.of(), List.of());

  public SummaryData {
    samples = List.copyOf(samples);
    series = List.copyOf(series);
    files = List.copyOf(files);
    if (series.size() > 1) {
      throw new IllegalArgumentException(
          "a summary has at most one time series, was given " + series.size());
    }
    if (files.stream().map(DataFile::kind).distinct().count() < files.size()) {
      throw new IllegalArgumentException(
          "a summary's data files need different kinds, were "
              + files.stream().map(DataFile::kind).toList());
    }
  }

  /** Nothing to write. */
  public boolean isEmpty() {
    return samples.isEmpty() && series.isEmpty() && files.isEmpty();
  }
}
