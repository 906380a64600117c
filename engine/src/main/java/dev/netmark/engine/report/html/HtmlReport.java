package dev.netmark.engine.report.html;

import static dev.netmark.engine.report.html.Html.esc;

import dev.netmark.api.Summary;
import dev.netmark.engine.report.RunReport;
import dev.netmark.engine.report.data.SummaryKeys;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no script, nothing fetched)
 * with the verdict, the steps, the probe classes, every summary with the CDFs and time series of
 * its data, and the configuration. It reads no file: everything comes from the run's model.
 */
public final class HtmlReport {
  public static final String FILE = "report.html";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private HtmlReport() {}

  /** The page of a run, drawn from its summaries and their data as held in memory. */
  public static String html(RunReport report) {
    List<Summary> summaries = report.summaries();
    List<String> keys = SummaryKeys.of(summaries.stream().map(Summary::name).toList());
    String name = report.config().name();
    boolean pass = report.exitCode() == 0;
    StringBuilder b =
        new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    b.append("<title>netmark: ")
        .append(esc(name))
        .append("</title><style>")
        .append(Style.CSS)
        .append("</style></head><body>");
    b.append("<header><h1>netmark report: ")
        .append(esc(name))
        .append("</h1><p>started ")
        .append(TIME.format(report.result().started()))
        .append(" &middot; ")
        .append(report.result().steps().size())
        .append(" of ")
        .append(report.config().steps().size())
        .append(" steps ran</p><div class=\"verdict ")
        .append(pass ? "pass" : "fail")
        .append("\">")
        .append(esc(report.verdictHead()))
        .append("</div>");
    // Every breach at the top, in red, before anything else is read.
    List<String> violations = report.violationLines();
    if (!violations.isEmpty()) {
      b.append("<ul class=\"violations\">");
      violations.forEach(v -> b.append("<li>").append(esc(v)).append("</li>"));
      b.append("</ul>");
    }
    b.append("</header>");
    String probes = ProbeSection.html(summaries, keys);
    b.append("<nav><a href=\"#verdict\">Verdict</a><a href=\"#steps\">Steps</a>");
    if (!probes.isEmpty()) {
      b.append("<a href=\"#probes\">Probe classes</a>");
    }
    for (int i = 0; i < summaries.size(); i++) {
      b.append("<a href=\"#s").append(i).append("\">").append(esc(keys.get(i))).append("</a>");
    }
    b.append("<a href=\"#config\">Configuration</a></nav><main>");
    b.append(RunSections.verdict(report)).append(RunSections.steps(report)).append(probes);
    for (int i = 0; i < summaries.size(); i++) {
      b.append(SummarySection.html("s" + i, keys.get(i), summaries.get(i), report.clusterEvents()));
    }
    b.append(RunSections.config(report));
    return b.append("</main></body></html>\n").toString();
  }
}
