package dev.netmark.engine.report.data;

import java.util.List;

/**
 * An application model's traffic, read from a {@code data/*_traffic_*.json} file: every edge's
 * totals and per-second series on one time axis, and the tier changes (docs/reports.md).
 *
 * @param summary the summary key of the measurement that wrote it
 * @param originMs epoch ms where the first bucket starts
 * @param intervalMs width of a bucket
 * @param edges the edges, in the file's order
 * @param changes the tier changes, in the file's order
 */
public record TrafficData(
    String summary, long originMs, long intervalMs, List<Edge> edges, List<Change> changes) {
  public TrafficData {
    edges = List.copyOf(edges);
    changes = List.copyOf(changes);
  }

  /**
   * One edge: client tier to server tier.
   *
   * @param requests per bucket, requests sent
   * @param steadyErrors per bucket, errors in steady state
   * @param rolloutErrors per bucket, errors during a change of the edge's tiers
   */
  public record Edge(
      String edge,
      String client,
      String server,
      long requestCount,
      long errorCount,
      long[] requests,
      long[] steadyErrors,
      long[] rolloutErrors) {}

  /** A change of a tier: {@code endMs} 0 while it was still under way. */
  public record Change(String tier, String action, long startMs, long endMs) {}
}
