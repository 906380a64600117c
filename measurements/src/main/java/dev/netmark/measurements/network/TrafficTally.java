package dev.netmark.measurements.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The requests of one edge, or of every edge into one tier, with each error counted as a rollout or
 * a steady-state error (docs/design.md, "Application models").
 */
final class TrafficTally {
  /** Per-second columns of {@link #seconds}. */
  static final int REQUESTS = 0;

  static final int ANSWERED = 1;
  static final int STEADY = 2;
  static final int ROLLOUT = 3;

  /** The cause of a request cut short because its own client pod stopped. */
  static final String STOPPED = "stopped";

  final String name;
  final List<String> protocols = new ArrayList<>();
  final List<String> vias = new ArrayList<>();
  long requests;
  long answered;
  long steady;
  long rollout;
  final Map<String, Long> steadyCauses = new TreeMap<>();
  final Map<String, Long> rolloutCauses = new TreeMap<>();
  final List<Double> latencyMs = new ArrayList<>();
  final TreeMap<Long, long[]> seconds = new TreeMap<>();

  TrafficTally(String name) {
    this.name = name;
  }

  /**
   * Adds one namespace's records of an edge: an error is a rollout error when its second overlaps a
   * change of the edge's server tier, or, for {@code stopped} (the client pod stopped first), of
   * its client tier.
   */
  void add(RequestFold.Key key, RequestFold.Edge edge, AppChanges changes, long graceMs) {
    String client = key.edge().substring(0, key.edge().indexOf("->"));
    String server = key.edge().substring(key.edge().indexOf("->") + 2);
    edge.protocols.stream().filter(p -> !protocols.contains(p)).forEach(protocols::add);
    edge.vias.stream().filter(v -> !vias.contains(v)).forEach(vias::add);
    latencyMs.addAll(edge.latencyMs);
    edge.seconds.forEach(
        (secondMs, s) -> {
          long[] row = seconds.computeIfAbsent(secondMs, t -> new long[4]);
          row[REQUESTS] += s.requests;
          row[ANSWERED] += s.answered;
          requests += s.requests;
          answered += s.answered;
          boolean serverChanging = changes.covers(key.namespace(), server, secondMs, graceMs);
          boolean clientChanging = changes.covers(key.namespace(), client, secondMs, graceMs);
          s.errors.forEach(
              (cause, n) -> {
                boolean inRollout = serverChanging || (clientChanging && cause.equals(STOPPED));
                row[inRollout ? ROLLOUT : STEADY] += n;
                (inRollout ? rolloutCauses : steadyCauses).merge(cause, n, Long::sum);
                if (inRollout) {
                  rollout += n;
                } else {
                  steady += n;
                }
              });
        });
  }

  /** Adds another tally (an edge into a tier's tally). */
  void add(TrafficTally other) {
    other.protocols.stream().filter(p -> !protocols.contains(p)).forEach(protocols::add);
    other.vias.stream().filter(v -> !vias.contains(v)).forEach(vias::add);
    requests += other.requests;
    answered += other.answered;
    steady += other.steady;
    rollout += other.rollout;
    other.steadyCauses.forEach((c, n) -> steadyCauses.merge(c, n, Long::sum));
    other.rolloutCauses.forEach((c, n) -> rolloutCauses.merge(c, n, Long::sum));
    latencyMs.addAll(other.latencyMs);
    other.seconds.forEach(
        (t, row) -> {
          long[] mine = seconds.computeIfAbsent(t, k -> new long[4]);
          for (int i = 0; i < row.length; i++) {
            mine[i] += row[i];
          }
        });
  }

  long errors() {
    return steady + rollout;
  }

  /** Errors by cause, rollout and steady together. */
  Map<String, Long> causes() {
    Map<String, Long> out = new TreeMap<>(steadyCauses);
    rolloutCauses.forEach((c, n) -> out.merge(c, n, Long::sum));
    return out;
  }

  /** The most requests answered in one second. */
  long peakAnswered() {
    return seconds.values().stream().mapToLong(r -> r[ANSWERED]).max().orElse(0);
  }
}
