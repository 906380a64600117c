package dev.netmark.measurements.network;

import dev.netmark.api.DataFile;
import dev.netmark.api.ReportFiles;
import dev.netmark.api.SampleSet;
import dev.netmark.api.SummaryData;
import dev.netmark.api.TimeSeries;
import java.nio.file.Path;
import java.util.List;

/**
 * Raw data a summary cannot hold in its items (time series, per-pod results), handed to the engine
 * with the summary; the engine writes it as {@code <reportDir>/data/<summary>_<kind>_<testName>_
 * <gatherMs>.json} for the HTML report and {@code netmark compare}. A subdirectory, so tools that
 * read every {@code *.json} of the report directory as a perfdash summary do not pick these up.
 */
final class DataFiles {
  private DataFiles() {}

  /** Where the engine writes the summary's data file of {@code kind}, for a note naming it. */
  static Path path(Window window, String summary, String kind) {
    return window
        .reportDir()
        .resolve(ReportFiles.data(summary, kind, window.testName(), window.gatherMs()));
  }

  /** The summary's data of this gather. */
  static SummaryData data(
      Window window, List<SampleSet> samples, List<TimeSeries> series, List<DataFile> files) {
    return new SummaryData(window.gatherMs(), samples, series, files);
  }
}
