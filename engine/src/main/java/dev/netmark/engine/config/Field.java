package dev.netmark.engine.config;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One key of a fixed-shape config map, e.g. {@code qps} of {@code qpsLoad}.
 *
 * @param name canonical key
 * @param type value type
 * @param required whether it must be present
 * @param nested the keys of a {@link ValueType#MAP} value; empty for any other type
 */
record Field(String name, ValueType type, boolean required, List<Field> nested) {

  static Field required(String name, ValueType type) {
    return new Field(name, type, true, List.of());
  }

  static Field optional(String name, ValueType type) {
    return new Field(name, type, false, List.of());
  }

  static Field map(String name, Field... nested) {
    return new Field(name, ValueType.MAP, false, List.of(nested));
  }

  /**
   * Reads a map with these keys: unknown keys, missing required keys and wrong types are reported;
   * the result holds the valid entries under canonical keys, or null if not a map.
   */
  static Map<String, Object> readAll(Located node, List<Field> fields) {
    Set<String> allowed = new LinkedHashSet<>();
    fields.forEach(f -> allowed.add(f.name()));
    Fields entries = node.fields(allowed);
    if (entries == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Field f : fields) {
      Object value;
      if (f.type() == ValueType.MAP && !f.nested().isEmpty()) {
        Located child = entries.get(f.name());
        value = child == null ? null : readAll(child, f.nested());
      } else {
        value = entries.read(f.name(), f.type(), f.required());
      }
      if (value != null) {
        out.put(f.name(), value);
      }
    }
    return out;
  }
}
