package dev.netmark.engine.config;

import dev.netmark.api.NodeSelector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The application-model steps (docs/design.md, "Application models"): {@code deployApplication} and
 * the tier changes {@code scaleTier}, {@code rollTier} and {@code recreateTier}. Each compiles to
 * an action of the built-in measurement {@code Application} whose identifier is the model's name,
 * so every step of one model reaches the same instance.
 */
final class AppSteps {
  static final String METHOD = "Application";
  private static final Set<String> DEPLOY_KEYS =
      Fields.allowed(
          "app",
          "namespaceRange",
          "namespaceList",
          "tuningSet",
          "nodeSelector",
          "timeout",
          "tiers",
          "edges");
  private static final List<Field> SCALE =
      changeFields(Field.required("replicas", ValueType.NON_NEGATIVE_INTEGER));
  private static final List<Field> ROLL =
      changeFields(
          Field.optional("batchSize", ValueType.POSITIVE_INTEGER),
          Field.optional("pause", ValueType.DURATION));
  private static final List<Field> RECREATE = changeFields();

  private final PhaseReader phases;
  private final Measurements measurements;
  // The tiers of every model deployed by an earlier step, for checking the tier changes.
  private final Map<String, Map<String, AppTiers.Tier>> models = new LinkedHashMap<>();

  AppSteps(PhaseReader phases, Measurements measurements) {
    this.phases = phases;
    this.measurements = measurements;
  }

  MeasurementSpec deploy(Located node) {
    Fields f = node.fields(DEPLOY_KEYS);
    if (f == null) {
      return null;
    }
    String app = AppTiers.name(f, "app");
    NamespaceSelection ns = phases.namespaces(f);
    String tuningSet = phases.tuningSet(f);
    String nodeSelector = nodeSelector(f);
    Object timeout = f.read("timeout", ValueType.POSITIVE_DURATION, false);
    Map<String, AppTiers.Tier> tiers = Map.of();
    if (f.has("tiers")) {
      tiers = AppTiers.read(f.get("tiers"));
    } else {
      f.missing("tiers", "a list of tiers {name, replicas, serve, rate, labels}");
    }
    List<Map<String, Object>> edges =
        f.has("edges") ? AppEdges.read(f.get("edges"), tiers) : List.of();
    if (app != null && models.containsKey(app)) {
      f.get("app").problem("application '" + app + "' is already deployed by an earlier step");
      return null;
    }
    if (app == null || ns == null || tuningSet == null || edges == null) {
      return null;
    }
    if (nodeSelector == null && f.has("nodeSelector")) {
      return null;
    }
    models.put(app, tiers);
    Map<String, Object> params = action("deploy", app);
    params.put("namespaces", namespaces(ns));
    params.put("tuningSet", tuningSetParams(tuningSet));
    if (nodeSelector != null && !nodeSelector.isBlank()) {
      params.put("nodeSelector", nodeSelector);
    }
    if (timeout != null) {
      params.put("timeout", timeout);
    }
    params.put("tiers", tiers.values().stream().map(AppTiers.Tier::values).toList());
    params.put("edges", edges);
    return make(node, params, "deployApplication");
  }

  MeasurementSpec scale(Located node) {
    return change(node, SCALE, "scale", "scaleTier");
  }

  MeasurementSpec roll(Located node) {
    return change(node, ROLL, "roll", "rollTier");
  }

  MeasurementSpec recreate(Located node) {
    return change(node, RECREATE, "recreate", "recreateTier");
  }

  private MeasurementSpec change(Located node, List<Field> fields, String action, String step) {
    Fields f = node.fields(Fields.allowed(fields.stream().map(Field::name).toArray(String[]::new)));
    if (f == null) {
      return null;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    boolean ok = true;
    for (Field field : fields) {
      Object value = f.read(field.name(), field.type(), field.required());
      ok &= value != null || !f.has(field.name()) && !field.required();
      if (value != null) {
        values.put(field.name(), value);
      }
    }
    if (!ok) {
      return null;
    }
    String app = (String) values.get("app");
    Map<String, AppTiers.Tier> tiers = models.get(app);
    if (tiers == null) {
      f.get("app")
          .problem(
              "no earlier deployApplication step deploys '"
                  + app
                  + "'; deployed: "
                  + (models.isEmpty() ? "none" : String.join(", ", models.keySet())));
      return null;
    }
    String tier = (String) values.get("tier");
    if (!tiers.containsKey(tier)) {
      f.get("tier")
          .problem(
              "application '"
                  + app
                  + "' has no tier '"
                  + tier
                  + "'; tiers: "
                  + String.join(", ", tiers.keySet()));
      return null;
    }
    Map<String, Object> params = action(action, app);
    params.putAll(values);
    return make(node, params, step);
  }

  private MeasurementSpec make(Located node, Map<String, Object> params, String step) {
    return measurements.make(
        node,
        node,
        (String) params.get("app"),
        METHOD,
        params,
        node.path,
        " (the " + step + " step needs it)");
  }

  /** {@code app}, {@code tier}, the change's own fields, {@code timeout}. */
  private static List<Field> changeFields(Field... own) {
    List<Field> fields = new java.util.ArrayList<>();
    fields.add(Field.required("app", ValueType.STRING));
    fields.add(Field.required("tier", ValueType.STRING));
    fields.addAll(List.of(own));
    fields.add(Field.optional("timeout", ValueType.POSITIVE_DURATION));
    return List.copyOf(fields);
  }

  private static Map<String, Object> action(String action, String app) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("action", action);
    params.put("app", app);
    return params;
  }

  private static String nodeSelector(Fields f) {
    String text = f.string("nodeSelector", false);
    if (text == null) {
      return null;
    }
    try {
      NodeSelector.parse(text);
      return text;
    } catch (IllegalArgumentException e) {
      f.get("nodeSelector").problem(e.getMessage());
      return null;
    }
  }

  // The measurement cannot see the config's tuning sets: it gets the one it names, whole.
  private Map<String, Object> tuningSetParams(String name) {
    TuningSetSpec spec = phases.tuningSetSpec(name);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", spec.name());
    out.put("kind", spec.kind());
    out.put("params", spec.params().asMap());
    return out;
  }

  private static Map<String, Object> namespaces(NamespaceSelection ns) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (!ns.list().isEmpty()) {
      out.put("list", ns.list());
    } else {
      out.put("min", ns.min());
      out.put("max", ns.max());
      if (ns.basename() != null) {
        out.put("basename", ns.basename());
      }
    }
    return out;
  }
}
