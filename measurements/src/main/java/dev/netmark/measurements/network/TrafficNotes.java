package dev.netmark.measurements.network;

import dev.netmark.api.Percentiles;
import dev.netmark.contract.AppChange;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The summary.txt lines of {@code ApplicationTraffic}: totals, one line per edge, the changes. */
final class TrafficNotes {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private TrafficNotes() {}

  static List<String> lines(
      Map<String, TrafficTally> edges,
      AppChanges changes,
      List<TrafficFile.ServicePod> servicePods) {
    List<String> out = new ArrayList<>();
    if (edges.isEmpty()) {
      out.add(
          "no REQUESTS records: no client pod of an application model called between start and gather");
    } else {
      TrafficTally all = new TrafficTally("all");
      edges.values().forEach(all::add);
      out.add(
          String.format(
              Locale.ROOT,
              "%d edges: %d requests, %d answered, %d errors (%d steady-state, %d during tier changes)",
              edges.size(),
              all.requests,
              all.answered,
              all.errors(),
              all.steady,
              all.rollout));
    }
    edges.forEach((name, t) -> out.add(edge(name, t)));
    if (changes.problem() != null) {
      out.add(changes.problem() + "; every error counts as steady-state");
    }
    List<String> shown = new ArrayList<>();
    for (AppChange c : changes.changes()) {
      shown.add(
          c.action()
              + " "
              + c.namespace()
              + "/"
              + c.tier()
              + " "
              + TIME.format(Instant.ofEpochMilli(c.startMs()))
              + "-"
              + (c.endMs() == 0
                  ? "(still running)"
                  : TIME.format(Instant.ofEpochMilli(c.endMs()))));
    }
    out.add(
        "tier changes: "
            + (shown.isEmpty() ? "none" : String.join(", ", shown))
            + " (UTC; errors in a change's seconds plus the edge's request timeout are rollout errors)");
    Map<String, Integer> perTier = new TreeMap<>();
    servicePods.forEach(p -> perTier.merge(p.tier(), 1, Integer::sum));
    out.add(
        "service_ready: "
            + servicePods.size()
            + " serving pods"
            + (perTier.isEmpty() ? "" : " " + perTier)
            + (perTier.containsKey("unknown")
                ? "; 'unknown': pods the API did not show with a tier label"
                : ""));
    return out;
  }

  // frontend->backend (http via service): 600 requests, 598 answered, 2 errors (steady: refused 2),
  // request_latency p50 1.2 ms p99 8.4 ms
  private static String edge(String name, TrafficTally t) {
    StringBuilder b =
        new StringBuilder(name)
            .append(" (")
            .append(String.join(",", t.protocols))
            .append(" via ")
            .append(String.join(",", t.vias))
            .append("): ")
            .append(t.requests)
            .append(" requests, ")
            .append(t.answered)
            .append(" answered, ")
            .append(t.errors())
            .append(" errors");
    List<String> parts = new ArrayList<>();
    if (!t.steadyCauses.isEmpty()) {
      parts.add("steady: " + causes(t.steadyCauses));
    }
    if (!t.rolloutCauses.isEmpty()) {
      parts.add("rollout: " + causes(t.rolloutCauses));
    }
    if (!parts.isEmpty()) {
      b.append(" (").append(String.join("; ", parts)).append(")");
    }
    if (!t.latencyMs.isEmpty()) {
      Percentiles p = Percentiles.of(t.latencyMs);
      b.append(
          String.format(
              Locale.ROOT, ", request_latency p50 %.1f ms p99 %.1f ms", p.get(50), p.get(99)));
    }
    return b.toString();
  }

  private static String causes(Map<String, Long> causes) {
    List<String> out = new ArrayList<>();
    causes.forEach((c, n) -> out.add(c + " " + n));
    return String.join(", ", out);
  }
}
