package dev.netmark.measurements.network;

import dev.netmark.contract.PodEvent;
import dev.netmark.contract.RequestStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The window's {@code REQUESTS} records folded per namespace and edge, then per wall-clock second
 * (docs/design.md, "Application models"). One entry per edge and second, whatever the number of
 * client pods: a pod deleted mid-second still counts for the second it sent in.
 */
final class RequestFold {
  /** A namespace and an edge ({@code client->server}). */
  record Key(String namespace, String edge) {}

  /** One second of one edge: requests sent, answered, failed by cause. */
  static final class Second {
    long requests;
    long answered;
    final Map<String, Long> errors = new TreeMap<>();
  }

  /** Everything of one edge in one namespace. */
  static final class Edge {
    final List<String> protocols = new ArrayList<>();
    final List<String> vias = new ArrayList<>();
    final List<Double> latencyMs = new ArrayList<>();
    final TreeMap<Long, Second> seconds = new TreeMap<>();
    long events;
  }

  private final Map<Key, Edge> edges = new LinkedHashMap<>();

  void accept(PodEvent e) {
    RequestStats r = e.requests();
    if (r == null || !r.edge().contains("->")) {
      return; // not an edge of a model; the shim never writes one
    }
    Edge edge = edges.computeIfAbsent(new Key(e.namespace(), r.edge()), k -> new Edge());
    edge.events++;
    if (!edge.protocols.contains(r.protocol())) {
      edge.protocols.add(r.protocol());
    }
    if (!edge.vias.contains(r.via())) {
      edge.vias.add(r.via());
    }
    edge.latencyMs.addAll(r.latencyMs());
    Second s = edge.seconds.computeIfAbsent(r.secondMs(), t -> new Second());
    s.requests += r.requests();
    s.answered += r.answered();
    r.errors().forEach((cause, n) -> s.errors.merge(cause, (long) n, Long::sum));
  }

  /** Every edge seen, in the order its first record was read. */
  Map<Key, Edge> edges() {
    return java.util.Collections.unmodifiableMap(edges);
  }
}
