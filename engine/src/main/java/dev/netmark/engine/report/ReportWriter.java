package dev.netmark.engine.report;

import dev.netmark.api.NetmarkException;
import dev.netmark.api.Summary;
import dev.netmark.engine.report.html.HtmlReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a run's reports into a directory: one perfdash JSON per summary with data, {@code
 * junit.xml}, {@code rendered-config.yaml}, the machine reference when the cluster timed one
 * ({@link MachineReference}), {@code report.html} (which also reads the data files measurements
 * left in {@code data/}) and {@code summary.txt}.
 */
public final class ReportWriter {
  public static final String JUNIT = "junit.xml";
  public static final String RENDERED_CONFIG = "rendered-config.yaml";
  public static final String SUMMARY = "summary.txt";

  private ReportWriter() {}

  /**
   * @param dir created when missing
   * @return the files written, summary.txt last
   * @throws NetmarkException naming the file that could not be written
   */
  public static List<Path> write(Path dir, RunReport report) {
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new NetmarkException("cannot create report directory " + dir + ": " + e, e);
    }
    ReportNames names = new ReportNames(report.config().name(), report.result().started());
    for (Summary summary : report.summaries()) {
      // A summary of notes only (ControlPlane, say) belongs in summary.txt, not in perfdash.
      if (!summary.dataItems().isEmpty()) {
        written.add(
            write(dir.resolve(names.perfdash(summary.name())), PerfdashWriter.json(summary)));
      }
    }
    MachineReference.of(report.baselines()).ifPresent(m -> written.add(m.write(dir)));
    written.add(write(dir.resolve(JUNIT), JunitWriter.xml(report)));
    written.add(write(dir.resolve(RENDERED_CONFIG), report.renderedConfig()));
    written.add(write(dir.resolve(HtmlReport.FILE), HtmlReport.html(dir, report)));
    written.add(write(dir.resolve(SUMMARY), summaryText(report)));
    return written;
  }

  /** The text of {@code summary.txt}. */
  public static String summaryText(RunReport report) {
    return SummaryText.text(report);
  }

  private static Path write(Path file, String content) {
    try {
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new NetmarkException("cannot write report file " + file + ": " + e, e);
    }
  }
}
