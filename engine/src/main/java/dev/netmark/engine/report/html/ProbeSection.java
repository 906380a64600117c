package dev.netmark.engine.report.html;

import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The probe classes side by side: every {@code probe_<target>} item of every summary, as a table
 * and as bars of Perc50 and Perc99, so a slow class (say, {@code service}) stands out.
 */
final class ProbeSection {
  static final String PREFIX = "probe_";

  private ProbeSection() {}

  /** Empty when no summary has a probe item. */
  static String html(List<Summary> summaries, List<String> keys) {
    List<DataItem> items = new ArrayList<>();
    List<String> targets = new ArrayList<>();
    List<String> wheres = new ArrayList<>();
    for (int i = 0; i < summaries.size(); i++) {
      for (DataItem item : summaries.get(i).dataItems()) {
        String metric = item.labels().getOrDefault("Metric", "");
        if (metric.startsWith(PREFIX)) {
          items.add(item);
          Map<String, String> rest = new TreeMap<>(item.labels());
          rest.remove("Metric");
          targets.add(metric.substring(PREFIX.length()));
          wheres.add(keys.get(i) + (rest.isEmpty() ? "" : " " + rest));
        }
      }
    }
    if (items.isEmpty()) {
      return "";
    }
    // Name the summary (and phase) only when the probe items come from more than one.
    boolean oneSource = wheres.stream().distinct().count() == 1;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      names.add(oneSource ? targets.get(i) : targets.get(i) + " (" + wheres.get(i) + ")");
    }
    double[][] values = new double[items.size()][2];
    for (int i = 0; i < items.size(); i++) {
      values[i][0] = items.get(i).data().getOrDefault("Perc50", 0.0);
      values[i][1] = items.get(i).data().getOrDefault("Perc99", 0.0);
    }
    return "<section id=\"probes\"><h2>Probe classes</h2>"
        + "<p class=\"muted\">Time from the successful CNI ADD to the first success of each probe"
        + " class.</p>"
        + ItemTable.html(items, List.of())
        + BarChart.html(
            "probe classes, Perc50 and Perc99",
            names,
            List.of("Perc50", "Perc99"),
            values,
            items.getFirst().unit())
        + "</section>";
  }
}
