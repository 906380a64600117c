package dev.netmark.engine.report.html;

import dev.netmark.api.SampleSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which sample sets share a CDF chart: sets of one unit and the same labels besides {@code Metric}
 * (one line per metric, e.g. a PodFlux phase). A set that would be alone in its chart joins the
 * other lone sets of its unit and metric instead, one line per label set (e.g. request latency per
 * edge), so a summary with many labelled items does not draw a chart per item.
 */
final class CdfGroups {
  /** One chart: its title, its sets and the legend name of each. */
  record Group(String title, List<SampleSet> sets, List<String> names) {}

  private CdfGroups() {}

  static List<Group> of(List<SampleSet> sets) {
    Map<String, List<SampleSet>> byLabels = new LinkedHashMap<>();
    for (SampleSet s : sets) {
      byLabels.computeIfAbsent(s.unit() + rest(s), g -> new ArrayList<>()).add(s);
    }
    Map<String, Group> out = new LinkedHashMap<>();
    byLabels.forEach(
        (title, members) -> {
          SampleSet only = members.getFirst();
          if (members.size() > 1 || rest(only).isEmpty()) {
            out.put(
                title, new Group(title, members, members.stream().map(SampleSet::metric).toList()));
            return;
          }
          Group g =
              out.computeIfAbsent(
                  "lone " + only.unit() + " " + only.metric(),
                  k ->
                      new Group(
                          only.unit() + " " + only.metric(), new ArrayList<>(), new ArrayList<>()));
          g.sets().add(only);
          String labels = rest(only);
          g.names().add(labels.substring(2, labels.length() - 1));
        });
    return List.copyOf(out.values());
  }

  private static String rest(SampleSet s) {
    Map<String, String> rest = new TreeMap<>(s.labels());
    rest.remove("Metric");
    return rest.isEmpty() ? "" : " " + rest;
  }
}
