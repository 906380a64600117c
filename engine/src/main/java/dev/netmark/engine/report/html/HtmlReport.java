package dev.netmark.engine.report.html;

import static dev.netmark.engine.report.html.Html.esc;

import dev.netmark.api.NetmarkException;
import dev.netmark.api.Summary;
import dev.netmark.engine.report.RunReport;
import dev.netmark.engine.report.data.ReportData;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no script, nothing fetched)
 * with the verdict, the steps, the probe classes, every summary with its CDFs and time series read
 * from the measurements' {@code data/} files, and the configuration.
 */
public final class HtmlReport {
  public static final String FILE = "report.html";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private HtmlReport() {}

  /**
   * The page for a run whose data files are in {@code dir/data}. Data files that cannot be read are
   * named on the page instead of failing the report.
   */
  public static String html(Path dir, RunReport report) {
    List<String> problems = new ArrayList<>();
    ReportData data;
    try {
      data = ReportData.read(dir, report.result().started().toEpochMilli());
    } catch (NetmarkException e) {
      problems.add("data files not shown: " + e.getMessage());
      data = new ReportData(List.of(), List.of(), List.of(), List.of());
    }
    List<Summary> summaries = report.summaries();
    List<String> keys = keys(summaries);
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
    for (String p : problems) {
      b.append("<section><p><b>").append(esc(p)).append("</b></p></section>");
    }
    b.append(RunSections.verdict(report)).append(RunSections.steps(report)).append(probes);
    for (int i = 0; i < summaries.size(); i++) {
      b.append(
          SummarySection.html(
              "s" + i, keys.get(i), summaries.get(i), data, report.clusterEvents()));
    }
    b.append(RunSections.config(report));
    return b.append("</main></body></html>\n").toString();
  }

  // The same numbering as the perfdash and data file names: name, name-2, name-3 ...
  private static List<String> keys(List<Summary> summaries) {
    Map<String, Integer> seen = new HashMap<>();
    List<String> out = new ArrayList<>();
    for (Summary s : summaries) {
      String safe = s.name().replaceAll("[^A-Za-z0-9._-]", "-");
      int n = seen.merge(safe, 1, Integer::sum);
      out.add(n == 1 ? safe : safe + "-" + n);
    }
    return out;
  }
}
