package dev.netmark.engine.report.data;

import dev.netmark.api.DataFile;
import dev.netmark.api.NetmarkException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An application model's traffic, the {@code traffic} data file of its summary ({@code
 * data/*_traffic_*.json}): every edge's totals and per-second series on one time axis, and the tier
 * changes (docs/reports.md).
 *
 * @param originMs epoch ms where the first bucket starts
 * @param intervalMs width of a bucket
 * @param edges the edges, in the file's order
 * @param changes the tier changes, in the file's order
 */
public record TrafficData(long originMs, long intervalMs, List<Edge> edges, List<Change> changes) {
  public TrafficData {
    edges = List.copyOf(edges);
    changes = List.copyOf(changes);
  }

  /** The kind of the data file. */
  public static final String KIND = "traffic";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * The traffic of a summary's data file: the measurement's content as it is held in memory, or the
   * tree read back from the file; both go through the same shape check.
   *
   * @throws NetmarkException naming the file when the content is not a traffic file
   */
  public static TrafficData of(String file, DataFile data) {
    JsonNode tree =
        data.content() instanceof JsonNode node ? node : JSON.valueToTree(data.content());
    return JsonShapes.traffic(file, tree);
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
