package dev.netmark.measurements.network;

import dev.netmark.contract.AppChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code data/ApplicationTraffic_traffic_<test>_<gatherMs>.json}: every edge's totals and
 * per-second series on one time axis, the tier changes and each serving pod's service_ready, for
 * the report's traffic matrix and time series (docs/reports.md).
 */
final class TrafficFile {
  static final String KIND = "traffic";
  static final long INTERVAL_MS = 1000;

  private TrafficFile() {}

  /** A serving pod's service_ready, in ms. */
  record ServicePod(String namespace, String name, String tier, double serviceReadyMs) {}

  /** The file's content, as the engine writes it. */
  static Map<String, Object> content(
      Window window,
      String summary,
      Map<String, TrafficTally> edges,
      AppChanges changes,
      List<ServicePod> pods) {
    long origin = window.startMs() - Math.floorMod(window.startMs(), INTERVAL_MS);
    long end = window.gatherMs();
    for (TrafficTally t : edges.values()) {
      if (!t.seconds.isEmpty()) {
        origin = Math.min(origin, t.seconds.firstKey());
        end = Math.max(end, t.seconds.lastKey());
      }
    }
    int buckets = (int) ((end - origin) / INTERVAL_MS) + 1;
    List<Map<String, Object>> rows = new ArrayList<>();
    for (TrafficTally t : edges.values()) {
      long[][] series = new long[4][buckets];
      for (Map.Entry<Long, long[]> e : t.seconds.entrySet()) {
        int i = (int) ((e.getKey() - origin) / INTERVAL_MS);
        for (int k = 0; k < 4; k++) {
          series[k][i] += e.getValue()[k];
        }
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("edge", t.name);
      row.put("client", t.name.substring(0, t.name.indexOf("->")));
      row.put("server", t.name.substring(t.name.indexOf("->") + 2));
      row.put("protocol", String.join(",", t.protocols));
      row.put("via", String.join(",", t.vias));
      row.put("requests", t.requests);
      row.put("answered", t.answered);
      row.put("steadyErrors", t.steady);
      row.put("rolloutErrors", t.rollout);
      Map<String, Object> perSecond = new LinkedHashMap<>();
      perSecond.put("requests", series[TrafficTally.REQUESTS]);
      perSecond.put("answered", series[TrafficTally.ANSWERED]);
      perSecond.put("steadyErrors", series[TrafficTally.STEADY]);
      perSecond.put("rolloutErrors", series[TrafficTally.ROLLOUT]);
      row.put("perSecond", perSecond);
      rows.add(row);
    }
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("summary", summary);
    content.put("gatherMs", window.gatherMs());
    content.put("originMs", origin);
    content.put("intervalMs", INTERVAL_MS);
    content.put("edges", rows);
    List<AppChange> shown = changes.changes();
    content.put("changes", shown);
    content.put("servicePods", pods);
    return content;
  }
}
