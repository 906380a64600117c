package dev.netmark.measurements.network;

import dev.netmark.api.MetricSource.Coverage;
import dev.netmark.api.MetricSource.Histogram;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The first notes of every network summary: which data source was used, what it covered. */
final class SourceNotes {
  private SourceNotes() {}

  static List<String> records(
      EventReader.Drain drain,
      PodFold fold,
      Set<String> namespaces,
      WindowSpec spec,
      PodDirectory pods) {
    List<String> notes = new ArrayList<>();
    notes.add("source: exact, from " + drain.events() + " per-pod records");
    StringBuilder selected =
        new StringBuilder("selected: ")
            .append(fold.size())
            .append(" pods with records in namespaces ")
            .append(String.join(", ", new TreeSet<>(namespaces)));
    if (spec.labelSelector() != null) {
      selected
          .append(" matching '")
          .append(spec.labelSelector())
          .append("' (")
          .append(pods.uidsIn(namespaces).size())
          .append(" such pods seen in the API)");
    }
    notes.add(selected.toString());
    notes.add(coverage(drain.coverage()));
    if (!drain.caughtUp()) {
      notes.add(
          "the shims were still writing after "
              + EventReader.MAX_READS
              + " reads; later records are not included");
    }
    if (pods != null && pods.watchProblem() != null) {
      notes.add(
          "the pod watch ended early ("
              + pods.watchProblem()
              + "); pods created and deleted after that may be missing");
    }
    return notes;
  }

  static List<String> histograms(
      Map<String, Histogram> start, Map<String, Histogram> now, WindowSpec spec) {
    List<String> notes = new ArrayList<>();
    notes.add(
        "source: histograms, bucket resolution (the metric source has no per-pod records;"
            + " quantiles interpolated within buckets as histogram_quantile does, Max is the upper"
            + " bound of the highest occupied bucket)");
    if (spec.namespaces() != null || spec.labelSelector() != null) {
      notes.add(
          "namespaces and labelSelector cannot be applied to histograms: they cover every netperf"
              + " pod on the answering nodes");
    }
    boolean shrank = false;
    for (Map.Entry<String, Histogram> e : now.entrySet()) {
      shrank |= BucketQuantile.shrank(e.getValue(), start.get(e.getKey()));
    }
    notes.add(coverage(coverage(now)));
    if (shrank) {
      notes.add(
          "some buckets counted fewer observations at gather than at start (a node stopped"
              + " answering or a shim lost its log); those buckets are taken as 0");
    }
    return notes;
  }

  /** The nodes asked and every node that failed any of the histogram reads. */
  static Coverage coverage(Map<String, Histogram> histograms) {
    int asked = 0;
    Map<String, String> failed = new TreeMap<>();
    for (Histogram h : histograms.values()) {
      Coverage c = h.coverage();
      if (c != null) {
        asked = Math.max(asked, c.nodesAsked());
        failed.putAll(c.failedNodes());
      }
    }
    return new Coverage(asked, failed);
  }

  static String coverage(Coverage c) {
    if (c == null) {
      return "coverage: unknown";
    }
    String line = "coverage: " + c.nodesAnswered() + " of " + c.nodesAsked() + " nodes answered";
    if (c.failedNodes().isEmpty()) {
      return line;
    }
    List<String> failed = new ArrayList<>();
    new TreeMap<>(c.failedNodes()).forEach((node, why) -> failed.add(node + " (" + why + ")"));
    return line + "; not answering: " + String.join(", ", failed);
  }
}
