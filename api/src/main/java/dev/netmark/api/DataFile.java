package dev.netmark.api;

import java.util.Objects;

/**
 * Raw data of a {@link Summary} that is neither samples nor a time series (an application model's
 * traffic matrix, per-pod results), kept next to the reports as {@code
 * data/<summary>_<kind>_<test>_<gatherMs>.json} ({@link ReportFiles#data}).
 *
 * @param kind a lower-case word naming the file's shape, e.g. {@code traffic} or {@code pods}; not
 *     {@link ReportFiles#SAMPLES} or {@link ReportFiles#TIMESERIES}
 * @param content what Jackson writes as the file's JSON: records, maps, lists, numbers, strings
 */
public record DataFile(String kind, Object content) {
  public DataFile {
    Objects.requireNonNull(content, "content");
    if (!ReportFiles.isKind(kind)
        || kind.equals(ReportFiles.SAMPLES)
        || kind.equals(ReportFiles.TIMESERIES)) {
      throw new IllegalArgumentException(
          "a data file's kind is a lower-case word other than samples and timeseries, was '"
              + kind
              + "'");
    }
  }
}
