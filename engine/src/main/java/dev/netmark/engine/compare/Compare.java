package dev.netmark.engine.compare;

import dev.netmark.engine.report.data.ReportData;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code netmark compare}: reads two report directories and says whether the candidate regressed
 * against the baseline.
 */
public final class Compare {
  /** Exit code when a metric regressed. */
  public static final int REGRESSED = 1;

  private Compare() {}

  /**
   * The outcome of a comparison.
   *
   * @param text the table to print
   * @param exitCode 0 no regression, 1 a regression
   */
  public record Outcome(String text, int exitCode) {}

  /**
   * Compares the reports in two directories.
   *
   * @param tolerance how much worse the median may get without counting, as a ratio (0.1 = 10%)
   * @param alpha significance level of the Mann-Whitney U test
   * @throws IllegalArgumentException when a directory is missing or the runs share no metric, with
   *     a message saying which
   * @throws dev.netmark.api.NetmarkException when a report file cannot be read
   */
  public static Outcome run(Path baseline, Path candidate, double tolerance, double alpha) {
    return run(baseline, candidate, tolerance, alpha, false);
  }

  /**
   * Compares the reports in two directories; with {@code strict} a metric without per-pod samples
   * (throughput) whose median or average is worse beyond the tolerance is a regression too.
   */
  public static Outcome run(
      Path baseline, Path candidate, double tolerance, double alpha, boolean strict) {
    ReportData base = read("baseline", baseline);
    ReportData cand = read("candidate", candidate);
    RunComparison c = RunComparison.of(base, cand, tolerance, alpha);
    if (c.metrics().isEmpty()) {
      throw new IllegalArgumentException(
          "no metric in common between "
              + baseline
              + " ("
              + c.onlyBaseline().size()
              + " metrics) and "
              + candidate
              + " ("
              + c.onlyCandidate().size()
              + " metrics): compare reports of the same test");
    }
    String header = "netmark compare: baseline " + baseline + ", candidate " + candidate + "\n\n";
    return new Outcome(
        header + CompareTable.text(c, tolerance, alpha, strict),
        c.regressions(strict).isEmpty() ? 0 : REGRESSED);
  }

  private static ReportData read(String role, Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "the " + role + " report directory " + dir + " does not exist or is not a directory");
    }
    ReportData data = ReportData.read(dir);
    if (data.perfdash().isEmpty()) {
      throw new IllegalArgumentException(
          "the "
              + role
              + " directory "
              + dir
              + " has no perfdash summaries (*.json): is it the"
              + " --report-dir of a netmark run?");
    }
    return data;
  }
}
