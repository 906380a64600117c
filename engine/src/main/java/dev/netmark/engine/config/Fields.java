package dev.netmark.engine.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The entries of one config map, by canonical key: clusterloader2 writes {@code Name}, {@code
 * TuningSet}, {@code ObjectTemplatePath}; we accept either case for the first letter.
 */
final class Fields {
  private final Located owner;
  private final Map<String, Located> entries;

  Fields(Located owner, Map<String, Located> entries) {
    this.owner = owner;
    this.entries = entries;
  }

  /** An ordered, unmodifiable set of allowed keys, listed in messages in this order. */
  static Set<String> allowed(String... keys) {
    return java.util.Collections.unmodifiableSet(
        new java.util.LinkedHashSet<>(java.util.Arrays.asList(keys)));
  }

  static String canonical(String key) {
    if (key.isEmpty()) {
      return key;
    }
    return key.substring(0, 1).toLowerCase(Locale.ROOT) + key.substring(1);
  }

  Located owner() {
    return owner;
  }

  /** The entry, or null when absent. */
  Located get(String key) {
    return entries.get(key);
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  Set<String> keys() {
    return entries.keySet();
  }

  /** Reads a value of the given type; a missing optional key reads as null. */
  Object read(String key, ValueType type, boolean required) {
    Located value = entries.get(key);
    if (value == null) {
      if (required) {
        missing(key, type.expected());
      }
      return null;
    }
    return type.read(value);
  }

  String string(String key, boolean required) {
    return (String) read(key, ValueType.STRING, required);
  }

  /** Reports a missing required key at the map's location. */
  void missing(String key, String expected) {
    owner.ctx.problem(
        owner.ctx.where(owner.child(key)), "required, missing (expected " + expected + ")");
  }
}
