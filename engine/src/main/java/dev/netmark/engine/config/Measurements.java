package dev.netmark.engine.config;

import dev.netmark.api.ConfigException;
import dev.netmark.api.Params;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds measurement specs, checks them against the {@link Catalog}, and remembers which
 * (identifier, method) pairs earlier steps started, so a gather of something never started is
 * caught and {@code gatherMeasurement} knows the methods of what it gathers.
 */
final class Measurements {
  private static final Set<String> KEYS = Fields.allowed("identifier", "method", "params");
  private static final String THRESHOLDS = "thresholds";

  private final LoadContext ctx;
  private final Map<String, Set<String>> started = new LinkedHashMap<>();
  private final Map<String, Set<String>> pending = new LinkedHashMap<>();
  // Thresholds given at start, by "identifier/method", with where they were given: checked at
  // gather, as clusterloader2 allows them on either action.
  private final Map<String, Map.Entry<Object, String>> startThresholds = new LinkedHashMap<>();

  Measurements(LoadContext ctx) {
    this.ctx = ctx;
  }

  /** A {@code measurements:} list as clusterloader2 writes it. */
  List<MeasurementSpec> explicit(Located list) {
    List<MeasurementSpec> specs = new ArrayList<>();
    for (Located item : list.items("measurements {identifier, method, params}")) {
      Fields f = item.fields(KEYS);
      if (f == null) {
        continue;
      }
      String identifier = f.string("identifier", true);
      String method = f.string("method", true);
      Map<String, Object> params = new LinkedHashMap<>();
      Located p = f.get("params");
      if (p != null && !p.isNull()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) ValueType.MAP.read(p);
        if (m == null) {
          continue;
        }
        params.putAll(m);
      }
      if (identifier != null && method != null) {
        MeasurementSpec spec =
            make(item, f.get("method"), identifier, method, params, item.child("params"), "");
        if (spec != null) {
          specs.add(spec);
        }
      }
    }
    return specs;
  }

  /**
   * One measurement action.
   *
   * @param owner the item or domain step the spec comes from
   * @param methodNode where an unknown method is reported
   * @param paramsPath config path of the params, for the locator of {@link Params}
   * @param why appended to an unknown-method message, e.g. which domain step needs the method
   */
  MeasurementSpec make(
      Located owner,
      Located methodNode,
      String identifier,
      String method,
      Map<String, Object> params,
      String paramsPath,
      String why) {
    if (!ctx.catalog.measurementMethods().contains(method)) {
      methodNode.problem(
          "unknown measurement method '"
              + method
              + "'"
              + why
              + "; known: "
              + String.join(", ", new TreeSet<>(ctx.catalog.measurementMethods())));
      return null;
    }
    Object action = params.get("action");
    String key = identifier + "/" + method;
    List<String> notes = new ArrayList<>();
    Map.Entry<Object, String> fromStart = "gather".equals(action) ? startThresholds.get(key) : null;
    if (fromStart != null) {
      if (params.get(THRESHOLDS) != null) {
        notes.add(
            "thresholds given at start ("
                + fromStart.getValue()
                + ") and at gather ("
                + owner.where()
                + "); the gather's apply, as the later ones");
      } else {
        params.put(THRESHOLDS, fromStart.getKey());
      }
    }
    Params p = new Params(params, paramsPath, ctx.locator());
    try {
      ctx.catalog.validateMeasurement(method, p);
    } catch (ConfigException e) {
      ctx.problem(e);
      return null;
    }
    if ("start".equals(action)) {
      started.computeIfAbsent(identifier, k -> new LinkedHashSet<>()).add(method);
      pending.computeIfAbsent(identifier, k -> new LinkedHashSet<>()).add(method);
      if (params.get(THRESHOLDS) != null) {
        startThresholds.put(key, Map.entry(params.get(THRESHOLDS), owner.where()));
      } else {
        startThresholds.remove(key);
      }
    } else if ("gather".equals(action)) {
      if (!started.getOrDefault(identifier, Set.of()).contains(method)) {
        owner.problem(
            "gather of measurement '"
                + identifier
                + "' (method "
                + method
                + ") that no earlier step started; "
                + startedSoFar());
        return null;
      }
      pending.get(identifier).remove(method);
      startThresholds.remove(key);
    }
    return new MeasurementSpec(identifier, method, p, owner.where(), notes);
  }

  /** {@code gatherMeasurement}: gathers the named identifiers, or all started and not gathered. */
  List<MeasurementSpec> gather(Located node) {
    Located idsNode = node;
    List<String> identifiers = null;
    if (!node.isNull()) {
      Fields f = node.fields(Fields.allowed("identifiers"));
      if (f == null) {
        return List.of();
      }
      if (f.has("identifiers")) {
        idsNode = f.get("identifiers");
        @SuppressWarnings("unchecked")
        List<String> ids = (List<String>) ValueType.STRING_LIST.read(idsNode);
        if (ids == null) {
          return List.of();
        }
        identifiers = ids;
      }
    }
    if (identifiers == null) {
      identifiers =
          pending.entrySet().stream()
              .filter(e -> !e.getValue().isEmpty())
              .map(Map.Entry::getKey)
              .toList();
      if (identifiers.isEmpty()) {
        node.problem(
            "nothing to gather: no earlier step started a measurement that is not gathered yet");
      }
    }
    List<MeasurementSpec> specs = new ArrayList<>();
    for (String id : identifiers) {
      Set<String> methods = started.getOrDefault(id, Set.of());
      if (methods.isEmpty()) {
        idsNode.problem(
            "gather of measurement '" + id + "' that no earlier step started; " + startedSoFar());
        continue;
      }
      for (String method : List.copyOf(methods)) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("action", "gather");
        MeasurementSpec spec = make(node, node, id, method, params, node.path, "");
        if (spec != null) {
          specs.add(spec);
        }
      }
    }
    return specs;
  }

  private String startedSoFar() {
    return started.isEmpty()
        ? "none was started"
        : "started: " + String.join(", ", started.keySet());
  }
}
