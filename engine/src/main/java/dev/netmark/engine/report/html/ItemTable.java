package dev.netmark.engine.report.html;

import static dev.netmark.engine.report.html.Html.esc;
import static dev.netmark.engine.report.html.Html.num;

import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import dev.netmark.api.Summary.SloViolation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A summary's data items as a table: Metric, the other labels, the statistics (percentiles first)
 * and the unit. A cell whose statistic breached a threshold is marked.
 */
final class ItemTable {
  private static final List<String> FIRST = List.of("Perc50", "Perc90", "Perc99", "Max", "Count");

  private ItemTable() {}

  static String html(Summary summary) {
    return html(summary.dataItems(), summary.violations());
  }

  static String html(List<DataItem> items, List<SloViolation> violations) {
    Set<String> labels = new TreeSet<>();
    Set<String> rest = new TreeSet<>();
    items.forEach(i -> labels.addAll(i.labels().keySet()));
    items.forEach(i -> rest.addAll(i.data().keySet()));
    labels.remove("Metric");
    Set<String> stats = new LinkedHashSet<>();
    FIRST.stream().filter(rest::contains).forEach(stats::add);
    stats.addAll(rest);
    StringBuilder b = new StringBuilder("<table><tr><th class=\"text\">Metric</th>");
    labels.forEach(l -> b.append("<th class=\"text\">").append(esc(l)).append("</th>"));
    stats.forEach(s -> b.append("<th>").append(esc(s)).append("</th>"));
    b.append("<th class=\"text\">unit</th></tr>");
    for (DataItem item : items) {
      String metric = item.labels().getOrDefault("Metric", "");
      b.append("<tr><td class=\"text\">").append(esc(metric)).append("</td>");
      labels.forEach(
          l ->
              b.append("<td class=\"text\">")
                  .append(esc(item.labels().getOrDefault(l, "")))
                  .append("</td>"));
      for (String s : stats) {
        Double v = item.data().get(s);
        boolean bad =
            violations.stream().anyMatch(x -> x.metric().equals(metric) && x.statistic().equals(s));
        b.append(bad ? "<td class=\"bad\">" : "<td>")
            .append(v == null ? "" : esc(num(v)))
            .append("</td>");
      }
      b.append("<td class=\"text\">").append(esc(item.unit())).append("</td></tr>");
    }
    return b.append("</table>").toString();
  }

  /** The SLO violations of a run as a table, or a line saying there were none. */
  static String violations(List<String> summaries, List<SloViolation> violations) {
    if (violations.isEmpty()) {
      return "<p>No threshold was breached.</p>";
    }
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < violations.size(); i++) {
      SloViolation v = violations.get(i);
      rows.add(
          "<tr><td class=\"text\">"
              + esc(summaries.get(i))
              + "</td><td class=\"text\">"
              + esc(v.metric())
              + "</td><td class=\"text\">"
              + esc(v.statistic())
              + "</td><td>"
              + esc(num(v.threshold()))
              + "</td><td class=\"bad\">"
              + (v.noData() ? "no data" : esc(num(v.actual())))
              + "</td><td class=\"text\">"
              + esc(v.unit())
              + "</td></tr>");
    }
    return "<table><tr><th class=\"text\">summary</th><th class=\"text\">metric</th>"
        + "<th class=\"text\">statistic</th><th>threshold</th><th>actual</th>"
        + "<th class=\"text\">unit</th></tr>"
        + String.join("", rows)
        + "</table>";
  }
}
