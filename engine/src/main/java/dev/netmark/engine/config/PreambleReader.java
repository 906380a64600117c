package dev.netmark.engine.config;

import dev.netmark.api.Params;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the parts of a config before its steps: {@code namespace} and {@code tuningSets}. */
final class PreambleReader {
  private static final Set<String> NAMESPACE_KEYS =
      Fields.allowed("number", "prefix", "deleteAutomanagedNamespaces");

  private PreambleReader() {}

  /** The namespace spec; absent means one automanaged namespace with a generated prefix. */
  static NamespaceSpec namespace(Located node) {
    if (node == null) {
      return new NamespaceSpec(1, null, true);
    }
    Fields f = node.fields(NAMESPACE_KEYS);
    if (f == null) {
      return new NamespaceSpec(1, null, true);
    }
    Object number = f.read("number", ValueType.NON_NEGATIVE_INTEGER, false);
    Object delete = f.read("deleteAutomanagedNamespaces", ValueType.BOOLEAN, false);
    return new NamespaceSpec(
        number == null ? 1 : (Integer) number,
        f.string("prefix", false),
        delete == null || (Boolean) delete);
  }

  static List<TuningSetSpec> tuningSets(Located node, LoadContext ctx) {
    List<TuningSetSpec> sets = new ArrayList<>();
    Map<String, Located> byName = new HashMap<>();
    for (Located item : node.items("tuning sets {name, <kind>: {...}}")) {
      TuningSetSpec spec = tuningSet(item, ctx);
      if (spec == null) {
        continue;
      }
      Located first = byName.putIfAbsent(spec.name(), item);
      if (first != null) {
        item.problem(
            "duplicate tuning set name '" + spec.name() + "', first defined at " + first.where());
      } else {
        sets.add(spec);
      }
    }
    return sets;
  }

  private static TuningSetSpec tuningSet(Located item, LoadContext ctx) {
    Set<String> allowed = new java.util.LinkedHashSet<>(List.of("name", "initialDelay"));
    allowed.addAll(ctx.catalog.tuningSetKinds());
    Fields f = item.fields(Fields.allowed(allowed.toArray(String[]::new)));
    if (f == null) {
      return null;
    }
    String name = f.string("name", true);
    Object initialDelay = f.read("initialDelay", ValueType.DURATION, false);
    List<String> kinds =
        f.keys().stream().filter(k -> !k.equals("name") && !k.equals("initialDelay")).toList();
    if (kinds.size() != 1) {
      item.problem(
          "expected exactly one tuning-set kind of "
              + String.join(", ", ctx.catalog.tuningSetKinds())
              + ", found "
              + (kinds.isEmpty() ? "none" : String.join(", ", kinds)));
      return null;
    }
    String kind = kinds.getFirst();
    Located paramsNode = f.get(kind);
    Map<String, Object> params =
        TuningSetKinds.known(kind) ? TuningSetKinds.read(kind, paramsNode) : asMap(paramsNode);
    if (name == null || params == null) {
      return null;
    }
    if (initialDelay != null) {
      params.put("initialDelay", initialDelay);
    }
    return new TuningSetSpec(
        name, kind, new Params(params, paramsNode.path, ctx.locator()), item.where());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Located node) {
    Object v = ValueType.MAP.read(node);
    return v == null ? null : new java.util.LinkedHashMap<>((Map<String, Object>) v);
  }
}
