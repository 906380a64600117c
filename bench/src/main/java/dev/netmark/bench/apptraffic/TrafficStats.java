package dev.netmark.bench.apptraffic;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.RequestStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code app-traffic} reads from the shims' records of a model run: requests carried per
 * second, and the latencies of the same-node edge. A request is same-node when its client pod runs
 * on the node where every pod of the server tier ran (pods are named {@code <tier>-<index>}, and
 * their node is that of their NETWORK_READY record); the same-node edge is the HTTP edge with the
 * most such answered requests.
 *
 * @param requests requests sent
 * @param answered requests answered
 * @param seconds wall-clock seconds from the first to the last second with requests
 * @param sameNodeEdge the same-node edge, {@code namespace client->server}; null when none
 * @param sameNodeServerTier its server tier
 * @param sameNodeLatencyMs its same-node requests' latencies
 */
record TrafficStats(
    long requests,
    long answered,
    long seconds,
    String sameNodeEdge,
    String sameNodeServerTier,
    List<Double> sameNodeLatencyMs) {

  /** Answered requests per second over {@link #seconds}. */
  double carriedPerSecond() {
    return seconds == 0 ? 0 : answered / (double) seconds;
  }

  static TrafficStats of(List<PodEvent> events) {
    Map<String, Set<String>> tierNodes = new HashMap<>();
    for (PodEvent e : events) {
      if (e.kind() == EventKind.NETWORK_READY && e.name() != null) {
        tierNodes
            .computeIfAbsent(e.namespace() + "/" + tier(e.name()), k -> new HashSet<>())
            .add(e.node());
      }
    }
    long requests = 0;
    long answered = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    Map<String, List<Double>> sameNode = new TreeMap<>();
    for (PodEvent e : events) {
      RequestStats r = e.requests();
      if (e.kind() != EventKind.REQUESTS || r == null) {
        continue;
      }
      requests += r.requests();
      answered += r.answered();
      first = Math.min(first, r.secondMs());
      last = Math.max(last, r.secondMs());
      Set<String> servers = tierNodes.get(e.namespace() + "/" + r.serverTier());
      if ("http".equals(r.protocol()) && servers != null && servers.equals(Set.of(e.node()))) {
        sameNode
            .computeIfAbsent(e.namespace() + " " + r.edge(), k -> new ArrayList<>())
            .addAll(r.latencyMs());
      }
    }
    long seconds = requests == 0 ? 0 : (last - first) / 1000 + 1;
    String edge =
        sameNode.entrySet().stream()
            .filter(x -> !x.getValue().isEmpty())
            .max((x, y) -> Integer.compare(x.getValue().size(), y.getValue().size()))
            .map(Map.Entry::getKey)
            .orElse(null);
    return new TrafficStats(
        requests,
        answered,
        seconds,
        edge,
        edge == null ? null : edge.substring(edge.indexOf("->") + 2),
        edge == null ? List.of() : List.copyOf(sameNode.get(edge)));
  }

  /** The tier of pod {@code <tier>-<index>}. */
  static String tier(String pod) {
    return pod.replaceFirst("-[0-9]+$", "");
  }
}
