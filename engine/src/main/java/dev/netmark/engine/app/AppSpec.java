package dev.netmark.engine.app;

import dev.netmark.api.Params;
import java.util.List;
import java.util.Map;

/**
 * An application model as the {@code deployApplication} step compiled it (docs/design.md,
 * "Application models"); the config reader has checked every value, so reading trusts the shape.
 *
 * @param app the model's name, the value of the {@code netmark.dev/app} label
 * @param namespaces {@code {list: [...]}} or {@code {min, max, basename}}
 * @param tuningSet the tuning set that paces pod creations: {@code {name, kind, params}}
 * @param nodeSelector {@code key=value[,key=value]} for every pod, or empty
 * @param tiers the tiers, in the order written
 * @param edges the edges, each with its rate per client pod
 */
record AppSpec(
    String app,
    Map<String, Object> namespaces,
    Map<String, Object> tuningSet,
    String nodeSelector,
    List<Tier> tiers,
    List<Edge> edges) {

  /**
   * @param serves {@code http}, {@code tcp-echo}, {@code tcp-sink} or null when it serves nothing
   * @param port the port it serves on, 0 when it serves nothing
   * @param responseBytes the HTTP body size, or null for the shim's default
   */
  record Tier(
      String name,
      int replicas,
      String serves,
      int port,
      Integer responseBytes,
      Map<String, String> labels) {}

  /**
   * @param size request size in bytes, or null for the shim's default
   * @param duration how long each client pod calls, or null (until it stops)
   * @param timeout the request timeout, or null for the shim's default
   */
  record Edge(
      String from,
      String to,
      String via,
      String protocol,
      double rate,
      Integer size,
      String duration,
      String timeout) {
    String name() {
      return from + "->" + to;
    }
  }

  @SuppressWarnings("unchecked")
  static AppSpec parse(Params params) {
    Map<String, Object> p = params.asMap();
    List<Tier> tiers =
        ((List<Map<String, Object>>) p.getOrDefault("tiers", List.of()))
            .stream().map(AppSpec::tier).toList();
    List<Edge> edges =
        ((List<Map<String, Object>>) p.getOrDefault("edges", List.of()))
            .stream().map(AppSpec::edge).toList();
    return new AppSpec(
        params.requireString("app"),
        (Map<String, Object>) p.getOrDefault("namespaces", Map.of()),
        (Map<String, Object>) p.getOrDefault("tuningSet", Map.of()),
        params.string("nodeSelector", ""),
        tiers,
        edges);
  }

  @SuppressWarnings("unchecked")
  private static Tier tier(Map<String, Object> t) {
    Map<String, Object> serve = (Map<String, Object>) t.get("serve");
    Map<String, String> labels = new java.util.LinkedHashMap<>();
    ((Map<String, Object>) t.getOrDefault("labels", Map.of()))
        .forEach((k, v) -> labels.put(k, String.valueOf(v)));
    return new Tier(
        (String) t.get("name"),
        ((Number) t.get("replicas")).intValue(),
        serve == null ? null : (String) serve.get("protocol"),
        serve == null ? 0 : ((Number) serve.get("port")).intValue(),
        serve == null ? null : (Integer) serve.get("responseBytes"),
        labels);
  }

  private static Edge edge(Map<String, Object> e) {
    return new Edge(
        (String) e.get("from"),
        (String) e.get("to"),
        (String) e.get("via"),
        (String) e.get("protocol"),
        ((Number) e.get("rate")).doubleValue(),
        (Integer) e.get("size"),
        e.get("duration") == null ? null : e.get("duration").toString(),
        e.get("timeout") == null ? null : e.get("timeout").toString());
  }

  Tier tier(String name) {
    return tiers.stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no tier " + name + " in " + app));
  }

  /** The edges whose client is {@code tier}. */
  List<Edge> callsOf(String tier) {
    return edges.stream().filter(e -> e.from().equals(tier)).toList();
  }

  /** The tiers, servers before their clients where the edges allow it, for creating pods. */
  List<Tier> serversFirst() {
    List<Tier> order = new java.util.ArrayList<>();
    List<Tier> left = new java.util.ArrayList<>(tiers);
    while (!left.isEmpty()) {
      Tier next =
          left.stream()
              .filter(
                  t ->
                      callsOf(t.name()).stream()
                          .allMatch(
                              e ->
                                  e.to().equals(t.name())
                                      || order.stream().anyMatch(o -> o.name().equals(e.to()))))
              .findFirst()
              .orElse(left.getFirst()); // a cycle: take them in the order written
      order.add(next);
      left.remove(next);
    }
    return order;
  }
}
