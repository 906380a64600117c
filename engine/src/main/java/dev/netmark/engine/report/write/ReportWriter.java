package dev.netmark.engine.report.write;

import dev.netmark.api.NetmarkException;
import dev.netmark.api.ReportFiles;
import dev.netmark.engine.report.MachineReference;
import dev.netmark.engine.report.RunReport;
import dev.netmark.engine.report.data.RunFiles;
import dev.netmark.engine.report.html.HtmlReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a run's reports into a directory, each from the run's summaries as they are held in memory
 * (nothing reads a file written here): one perfdash JSON per summary with data items and the
 * summaries' data files under {@code data/} ({@link RunFiles}), {@code junit.xml}, {@code
 * rendered-config.yaml}, the machine reference when the cluster timed one ({@link
 * MachineReference}), {@code report.html} and {@code summary.txt}.
 */
public final class ReportWriter {
  public static final String JUNIT = ReportFiles.JUNIT;
  public static final String RENDERED_CONFIG = "rendered-config.yaml";
  public static final String SUMMARY = "summary.txt";

  private ReportWriter() {}

  /**
   * @param dir created when missing
   * @return the files written: the perfdash files, junit.xml, rendered-config.yaml, report.html and
   *     summary.txt, in that order (the data files are not listed)
   * @throws NetmarkException naming the file that could not be written
   */
  public static List<Path> write(Path dir, RunReport report) {
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new NetmarkException("cannot create report directory " + dir + ": " + e, e);
    }
    RunFiles.write(dir, report.config().name(), report.result().started(), report.summaries())
        .stream()
        .filter(p -> p.getParent().equals(dir))
        .forEach(written::add);
    MachineReference.of(report.baselines()).ifPresent(m -> written.add(m.write(dir)));
    written.add(write(dir.resolve(JUNIT), JunitWriter.xml(report)));
    written.add(write(dir.resolve(RENDERED_CONFIG), report.renderedConfig()));
    written.add(write(dir.resolve(HtmlReport.FILE), HtmlReport.html(report)));
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
