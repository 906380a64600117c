package dev.netmark.engine.config;

import dev.netmark.contract.AppTier;
import dev.netmark.contract.MetricNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code tiers} of a {@code deployApplication} step (docs/design.md, "Application
 * models"): each tier's name, replicas, what it serves, its total call rate and extra pod labels.
 */
final class AppTiers {
  /** A tier or model name: a DNS label, short enough for {@code <tier>-<index>} pod names. */
  static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,40}[a-z0-9])?");

  static final int MAX_RESPONSE_BYTES = 1 << 20;
  private static final Set<String> KEYS =
      Fields.allowed("name", "replicas", "serve", "rate", "labels");
  private static final Set<String> SERVE_KEYS = Fields.allowed("protocol", "port", "responseBytes");

  /**
   * One tier as read, with the nodes later checks point at.
   *
   * @param values the tier as the {@code Application} measurement reads it: name, replicas, serve
   *     {protocol, port, responseBytes} (absent when it serves nothing), labels
   * @param rate the total calls per second per pod split over weighted edges, or null
   */
  record Tier(
      String name,
      int replicas,
      String serves,
      Double rate,
      Map<String, Object> values,
      Located node,
      Located replicasNode,
      Located rateNode) {}

  private AppTiers() {}

  /** The tiers by name, in order; duplicates and bad values are reported, those tiers left out. */
  static Map<String, Tier> read(Located list) {
    Map<String, Tier> tiers = new LinkedHashMap<>();
    List<Located> items = list.items("tiers {name, replicas, serve, rate, labels}");
    if (items.isEmpty() && list.node instanceof org.yaml.snakeyaml.nodes.SequenceNode) {
      list.problem("expected at least one tier, found an empty list");
    }
    for (Located item : items) {
      Tier tier = tier(item);
      if (tier == null) {
        continue;
      }
      Tier first = tiers.get(tier.name());
      if (first != null) {
        item.problem(
            "duplicate tier name '" + tier.name() + "', first given at " + first.node().where());
        continue;
      }
      tiers.put(tier.name(), tier);
    }
    return tiers;
  }

  private static Tier tier(Located item) {
    Fields f = item.fields(KEYS);
    if (f == null) {
      return null;
    }
    String name = name(f, "name");
    Integer replicas = (Integer) f.read("replicas", ValueType.NON_NEGATIVE_INTEGER, true);
    Number rate = (Number) f.read("rate", ValueType.POSITIVE_NUMBER, false);
    Map<String, Object> serve = f.has("serve") ? serve(f.get("serve")) : Map.of();
    Map<String, Object> labels = labels(f);
    if (name == null
        || replicas == null
        || serve == null
        || labels == null
        || (f.has("rate") && rate == null)) {
      return null;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("name", name);
    values.put("replicas", replicas);
    if (!serve.isEmpty()) {
      values.put("serve", serve);
    }
    values.put("labels", labels);
    return new Tier(
        name,
        replicas,
        (String) serve.get("protocol"),
        rate == null ? null : rate.doubleValue(),
        values,
        item,
        f.get("replicas"),
        f.get("rate"));
  }

  /** A required name that is a DNS label. */
  static String name(Fields f, String key) {
    String name = f.string(key, true);
    if (name != null && !NAME.matcher(name).matches()) {
      f.get(key)
          .problem(
              "expected a name of lower-case letters, digits and '-' (a DNS label of at most 42"
                  + " characters, starting with a letter), found '"
                  + name
                  + "'");
      return null;
    }
    return name;
  }

  private static Map<String, Object> serve(Located node) {
    Fields f = node.fields(SERVE_KEYS);
    if (f == null) {
      return null;
    }
    String protocol = f.string("protocol", true);
    Integer port = (Integer) f.read("port", ValueType.PORT, true);
    Integer bytes = (Integer) f.read("responseBytes", ValueType.NON_NEGATIVE_INTEGER, false);
    boolean ok = protocol != null && port != null && (bytes != null || !f.has("responseBytes"));
    if (protocol != null && !AppTier.SERVES.contains(protocol)) {
      f.get("protocol")
          .problem(
              "expected one of "
                  + String.join(", ", AppTier.SERVES)
                  + ", found '"
                  + protocol
                  + "'");
      ok = false;
    }
    if (bytes != null && bytes > MAX_RESPONSE_BYTES) {
      f.get("responseBytes")
          .problem("expected at most " + MAX_RESPONSE_BYTES + " (1 MiB), found " + bytes);
      ok = false;
    }
    if (bytes != null && !"http".equals(protocol)) {
      f.get("responseBytes").problem("only an http tier answers with a body; remove it");
      ok = false;
    }
    if (!ok) {
      return null;
    }
    Map<String, Object> serve = new LinkedHashMap<>();
    serve.put("protocol", protocol);
    serve.put("port", port);
    if (bytes != null) {
      serve.put("responseBytes", bytes);
    }
    return serve;
  }

  private static Map<String, Object> labels(Fields f) {
    Located node = f.get("labels");
    if (node == null || node.isNull()) {
      return Map.of();
    }
    Object value = ValueType.MAP.read(node);
    if (!(value instanceof Map<?, ?> map)) {
      return null;
    }
    Map<String, Object> labels = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      if (List.of(MetricNames.NETPERF_LABEL, MetricNames.APP_LABEL, MetricNames.TIER_LABEL)
          .contains(key)) {
        node.problem("label '" + key + "' is set by netmark; choose another key");
        return null;
      }
      if (e.getValue() instanceof Map || e.getValue() instanceof List || e.getValue() == null) {
        node.problem("expected label values that are strings, found a map, list or nothing");
        return null;
      }
      labels.put(key, String.valueOf(e.getValue()));
    }
    return labels;
  }
}
