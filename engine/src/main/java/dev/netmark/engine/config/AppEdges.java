package dev.netmark.engine.config;

import dev.netmark.api.Durations;
import dev.netmark.contract.RequestStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code edges} of a {@code deployApplication} step and checks them against the tiers
 * (docs/design.md, "Application models"). An edge gives its own {@code rate}, or a {@code weight}:
 * its client tier's {@code rate} is split over the tier's weighted edges in proportion.
 */
final class AppEdges {
  static final double MIN_RATE = 0.1;
  static final double MAX_RATE = 1000;
  // An echo request's data must fit one IP packet with its headers.
  static final int MAX_ICMP_SIZE = 65507 - 8;
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);
  private static final Set<String> KEYS =
      Fields.allowed(
          "from", "to", "via", "protocol", "rate", "weight", "size", "duration", "timeout");
  private static final List<String> VIAS = List.of(RequestStats.VIA_SERVICE, RequestStats.VIA_POD);

  private record Read(Map<String, Object> values, Located node, Fields f, Double weight) {}

  private AppEdges() {}

  /**
   * The edges as the {@code Application} measurement reads them (from, to, via, protocol, rate per
   * client pod, and size, duration, timeout when given), or null after reporting a problem.
   */
  static List<Map<String, Object>> read(Located list, Map<String, AppTiers.Tier> tiers) {
    List<Read> edges = new ArrayList<>();
    Map<String, Located> seen = new LinkedHashMap<>();
    boolean ok = true;
    for (Located item : list.items("edges {from, to, via, protocol, rate, weight, ...}")) {
      Read edge = edge(item, tiers);
      if (edge == null) {
        ok = false;
        continue;
      }
      String key = edge.values().get("from") + "->" + edge.values().get("to");
      Located first = seen.putIfAbsent(key, item);
      if (first != null) {
        item.problem("duplicate edge " + key + ", first given at " + first.where());
        ok = false;
      }
      edges.add(edge);
    }
    ok &= split(edges, tiers);
    ok &= serversHaveReplicas(edges, tiers);
    return ok ? edges.stream().map(Read::values).toList() : null;
  }

  private static Read edge(Located item, Map<String, AppTiers.Tier> tiers) {
    Fields f = item.fields(KEYS);
    if (f == null) {
      return null;
    }
    AppTiers.Tier from = tier(f, "from", tiers);
    AppTiers.Tier to = tier(f, "to", tiers);
    String via = oneOf(f, "via", VIAS, RequestStats.VIA_SERVICE);
    String protocol = oneOf(f, "protocol", RequestStats.PROTOCOLS, "http");
    Number rate = (Number) f.read("rate", ValueType.POSITIVE_NUMBER, false);
    Number weight = (Number) f.read("weight", ValueType.POSITIVE_NUMBER, false);
    Integer size = (Integer) f.read("size", ValueType.NON_NEGATIVE_INTEGER, false);
    Object duration = f.read("duration", ValueType.DURATION, false);
    Object timeout = f.read("timeout", ValueType.POSITIVE_DURATION, false);
    boolean ok =
        from != null
            && to != null
            && via != null
            && protocol != null
            && (rate != null || !f.has("rate"))
            && (weight != null || !f.has("weight"))
            && (size != null || !f.has("size"))
            && (duration != null || !f.has("duration"))
            && (timeout != null || !f.has("timeout"));
    if (f.has("rate") && f.has("weight")) {
      f.get("weight").problem("expected rate or weight, found both");
      ok = false;
    } else if (!f.has("rate") && !f.has("weight")) {
      item.problem(
          "expected rate (requests per second per client pod) or weight (a share of the client"
              + " tier's rate), found neither");
      ok = false;
    }
    if (rate != null && !inRange(rate.doubleValue())) {
      f.get("rate").problem(rangeMessage(rate.doubleValue()));
      ok = false;
    }
    // As the shim bounds --size: its HTTP server reads a request body of at most 1 MiB.
    int maxSize = "icmp".equals(protocol) ? MAX_ICMP_SIZE : AppTiers.MAX_RESPONSE_BYTES;
    if (size != null && size > maxSize) {
      f.get("size")
          .problem("expected at most " + maxSize + " bytes for " + protocol + ", found " + size);
      ok = false;
    }
    if (timeout != null && Durations.parse(timeout.toString()).compareTo(MAX_TIMEOUT) > 0) {
      f.get("timeout").problem("expected a request timeout of at most 1m, found " + timeout);
      ok = false;
    }
    if (ok) {
      ok = served(f, to, protocol);
    }
    if (!ok) {
      return null;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("from", from.name());
    values.put("to", to.name());
    values.put("via", via);
    values.put("protocol", protocol);
    if (rate != null) {
      values.put("rate", rate.doubleValue());
    }
    putIf(values, "size", size);
    putIf(values, "duration", duration);
    putIf(values, "timeout", timeout);
    return new Read(values, item, f, weight == null ? null : weight.doubleValue());
  }

  /** Whether the server tier serves, and answers the edge's protocol. */
  private static boolean served(Fields f, AppTiers.Tier to, String protocol) {
    String serves = to.serves();
    boolean answers =
        switch (protocol) {
          case "http" -> "http".equals(serves);
          case "tcp" -> "tcp-echo".equals(serves) || "tcp-sink".equals(serves);
          default -> true;
        };
    Located where = f.has("protocol") ? f.get("protocol") : f.owner();
    if (!answers) {
      where.problem(
          "protocol "
              + protocol
              + " needs a tier that serves "
              + ("http".equals(protocol) ? "http" : "tcp-echo or tcp-sink")
              + ", but tier '"
              + to.name()
              + "' ("
              + to.node().where()
              + ") serves "
              + (serves == null ? "nothing" : serves));
      return false;
    }
    if (serves == null) {
      // Only serving tiers have a Service and are published to the shims.
      where.problem(
          "tier '"
              + to.name()
              + "' serves nothing, so no client can resolve it; give it a serve (an icmp edge"
              + " works with any)");
      return false;
    }
    return true;
  }

  /** Splits each client tier's rate over its weighted edges; reports weights without a rate. */
  private static boolean split(List<Read> edges, Map<String, AppTiers.Tier> tiers) {
    boolean ok = true;
    Map<String, Double> weightSums = new LinkedHashMap<>();
    for (Read e : edges) {
      if (e.weight() != null) {
        weightSums.merge((String) e.values().get("from"), e.weight(), Double::sum);
      }
    }
    for (AppTiers.Tier t : tiers.values()) {
      if (t.rate() != null && !weightSums.containsKey(t.name())) {
        t.rateNode()
            .problem(
                "tier '"
                    + t.name()
                    + "' gives a rate to split, but none of its edges has a weight");
        ok = false;
      }
    }
    for (Read e : edges) {
      if (e.weight() == null) {
        continue;
      }
      AppTiers.Tier from = tiers.get((String) e.values().get("from"));
      if (from.rate() == null) {
        e.f()
            .get("weight")
            .problem(
                "a weight splits the client tier's rate, but tier '"
                    + from.name()
                    + "' ("
                    + from.node().where()
                    + ") has no rate; give the tier a rate or the edge a rate");
        ok = false;
        continue;
      }
      double share = from.rate() * e.weight() / weightSums.get(from.name());
      if (!inRange(share)) {
        e.f()
            .get("weight")
            .problem(
                "weight "
                    + e.weight()
                    + " of "
                    + weightSums.get(from.name())
                    + " gives this edge "
                    + share
                    + " of the tier's rate "
                    + from.rate()
                    + "; "
                    + rangeMessage(share));
        ok = false;
      }
      e.values().put("rate", share);
    }
    return ok;
  }

  private static boolean serversHaveReplicas(List<Read> edges, Map<String, AppTiers.Tier> tiers) {
    boolean ok = true;
    for (AppTiers.Tier t : tiers.values()) {
      if (t.serves() == null || t.replicas() > 0) {
        continue;
      }
      Read caller =
          edges.stream()
              .filter(e -> t.name().equals(e.values().get("to")))
              .findFirst()
              .orElse(null);
      // scaleTier may take a serving tier to 0 later; the model starts with one that serves.
      t.replicasNode()
          .problem(
              "tier '"
                  + t.name()
                  + "' serves"
                  + (caller == null ? "" : " and is called (edge at " + caller.node().where() + ")")
                  + ", so it needs replicas > 0, found 0");
      ok = false;
    }
    return ok;
  }

  private static AppTiers.Tier tier(Fields f, String key, Map<String, AppTiers.Tier> tiers) {
    String name = f.string(key, true);
    if (name == null) {
      return null;
    }
    AppTiers.Tier tier = tiers.get(name);
    if (tier == null) {
      f.get(key)
          .problem("unknown tier '" + name + "'; tiers: " + String.join(", ", tiers.keySet()));
    }
    return tier;
  }

  private static String oneOf(Fields f, String key, List<String> allowed, String fallback) {
    if (!f.has(key)) {
      return fallback;
    }
    String value = f.string(key, false);
    if (value != null && !allowed.contains(value)) {
      f.get(key)
          .problem("expected one of " + String.join(", ", allowed) + ", found '" + value + "'");
      return null;
    }
    return value;
  }

  private static boolean inRange(double rate) {
    return rate >= MIN_RATE && rate <= MAX_RATE;
  }

  private static String rangeMessage(double rate) {
    return "expected a rate from "
        + MIN_RATE
        + " to "
        + (int) MAX_RATE
        + " requests per second per client pod, found "
        + rate;
  }

  private static void putIf(Map<String, Object> values, String key, Object value) {
    if (value != null) {
      values.put(key, value);
    }
  }
}
