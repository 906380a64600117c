package dev.netmark.engine.report;

import dev.netmark.api.ClusterEvent;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Cluster} summary: what the provider's cluster went through during the run
 * (docs/design.md, "Local mode"). A note per node that restarted ({@code shim on nml-node2
 * restarted 1x at 10:04:42, exit signal 9}), the total as {@code shim_restarts} for perfdash, and
 * the failure that stopped the run, if one did. None when the cluster reported nothing.
 */
public final class ClusterSummary {
  public static final String NAME = "Cluster";
  public static final String SHIM_RESTARTS = "shim_restarts";

  /** Event times as written in notes: UTC, to the second. */
  public static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private ClusterSummary() {}

  static Optional<Summary> of(List<ClusterEvent> events, String failure) {
    List<ClusterEvent> restarts =
        events.stream().filter(e -> e.kind().equals(ClusterEvent.SHIM_RESTART)).toList();
    if (restarts.isEmpty() && failure == null) {
      return Optional.empty();
    }
    List<String> notes = new ArrayList<>(restartNotes(restarts));
    if (failure != null) {
      notes.add("the run was stopped: " + failure.lines().findFirst().orElse(failure));
    }
    DataItem count =
        new DataItem(
            Map.of("Count", (double) restarts.size()), "restarts", Map.of("Metric", SHIM_RESTARTS));
    return Optional.of(new Summary(NAME, List.of(count), List.of(), notes));
  }

  /** One line per node, in the order of its first restart. */
  public static List<String> restartNotes(List<ClusterEvent> restarts) {
    Map<String, List<ClusterEvent>> byNode = new LinkedHashMap<>();
    restarts.forEach(e -> byNode.computeIfAbsent(e.node(), n -> new ArrayList<>()).add(e));
    List<String> notes = new ArrayList<>();
    byNode.forEach(
        (node, list) -> {
          List<String> each =
              list.stream().map(e -> TIME.format(e.at()) + ", " + e.detail()).toList();
          notes.add(
              "shim on " + node + " restarted " + list.size() + "x at " + String.join("; ", each));
        });
    return notes;
  }
}
