package dev.netmark.engine.report.write;

import dev.netmark.api.ReportFiles;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import dev.netmark.engine.report.MachineLoad;
import dev.netmark.engine.report.RunReport;
import dev.netmark.engine.step.StepResult;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code summary.txt}: what a person reads first, also printed at the end of {@code run}. A run on
 * a saturated machine gets a warning under its verdict ({@link MachineLoad}).
 */
final class SummaryText {
  private SummaryText() {}

  static String text(RunReport report) {
    StringBuilder b = new StringBuilder();
    b.append("netmark run of '")
        .append(report.config().name())
        .append("' started ")
        .append(ReportFiles.TIMESTAMP.format(report.result().started()))
        .append("\n\nSteps:\n");
    List<StepResult> steps = report.result().steps();
    for (int i = 0; i < steps.size(); i++) {
      StepResult s = steps.get(i);
      b.append(
          String.format(
              Locale.ROOT,
              "  %-4s %2d. %s (%s)%n",
              s.failed() ? "FAIL" : "ok",
              i + 1,
              s.name(),
              seconds(s.duration())));
      s.failures().forEach(f -> b.append("            ").append(f).append('\n'));
    }
    int notRun = report.config().steps().size() - steps.size();
    if (notRun > 0) {
      b.append("  ").append(notRun).append(" step(s) not run after the failure\n");
    }
    for (Summary summary : report.summaries()) {
      appendSummary(b, summary);
    }
    if (!report.cleanup().isEmpty()) {
      b.append("\nCleanup:\n");
      report.cleanup().forEach(c -> b.append("  ").append(c).append('\n'));
    }
    b.append("\nVerdict: ").append(report.verdict()).append('\n');
    MachineLoad.warning(report.baselines()).ifPresent(w -> b.append(w).append('\n'));
    return b.toString();
  }

  private static void appendSummary(StringBuilder b, Summary summary) {
    b.append("\n").append(summary.name()).append(":\n");
    for (DataItem item : summary.dataItems()) {
      Map<String, String> labels = new TreeMap<>(item.labels());
      String metric = labels.remove("Metric");
      b.append("  ").append(String.format(Locale.ROOT, "%-24s", metric));
      new TreeMap<>(item.data())
          .forEach((k, v) -> b.append(String.format(Locale.ROOT, " %s=%.3f", k, v)));
      b.append(' ').append(item.unit());
      if (!labels.isEmpty()) {
        b.append(' ').append(labels);
      }
      b.append('\n');
    }
    summary.notes().forEach(n -> b.append("  note: ").append(n).append('\n'));
    summary.violations().forEach(v -> b.append("  SLO VIOLATION: ").append(v).append('\n'));
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.3fs", d.toNanos() / 1e9);
  }
}
