package dev.netmark.api;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * The names of the files a run writes into its report directory (docs/reports.md), in one place:
 * the engine writes them, {@code netmark compare} reads them, and a measurement names them in its
 * notes.
 *
 * <ul>
 *   <li>a perfdash summary: {@code <summaryKey>_<testName>_<timestamp>.json}, where the key is the
 *       summary name, with {@code -2}, {@code -3} ... for later summaries of the same name;
 *   <li>a summary's data: {@code data/<summaryName>_<kind>_<testName>_<gatherMs>.json}.
 * </ul>
 *
 * Names and test names pass through {@link #safe} so each stays one path segment; they may contain
 * {@code _}: a reader that knows the test name splits them exactly.
 */
public final class ReportFiles {
  /** The subdirectory of the report directory holding the data files. */
  public static final String DATA_DIR = "data";

  /**
   * The junit file, whose {@code testsuite} names the test: a reader splits the other names with
   * it.
   */
  public static final String JUNIT = "junit.xml";

  /** Kind of the per-pod samples file ({@link SummaryData#samples()}). */
  public static final String SAMPLES = "samples";

  /** Kind of the time-series file ({@link SummaryData#series()}). */
  public static final String TIMESERIES = "timeseries";

  /** clusterloader2's timestamp form, {@code 2006-01-02T15:04:05Z}, UTC. */
  public static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private static final Pattern KIND = Pattern.compile("[a-z]+");

  private ReportFiles() {}

  /** The name with every character but letters, digits, {@code .}, {@code _} and {@code -} as -. */
  public static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "-");
  }

  /** The perfdash file name of the summary with key {@code summaryKey}. */
  public static String perfdash(String summaryKey, String testName, Instant started) {
    return safe(summaryKey) + "_" + safe(testName) + "_" + TIMESTAMP.format(started) + ".json";
  }

  /** The data file's path relative to the report directory. */
  public static Path data(String summaryName, String kind, String testName, long gatherMs) {
    return Path.of(
        DATA_DIR, safe(summaryName) + "_" + kind + "_" + safe(testName) + "_" + gatherMs + ".json");
  }

  /** Whether {@code kind} may name a data file: a lower-case word. */
  public static boolean isKind(String kind) {
    return kind != null && KIND.matcher(kind).matches();
  }
}
