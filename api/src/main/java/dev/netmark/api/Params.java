package dev.netmark.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code params} of a measurement in a test config, with typed getters whose errors name the
 * config path and source line. Immutable and safe to share between threads.
 */
public final class Params {
  private final Map<String, Object> values;
  private final String path;
  private final Function<String, String> locator;

  /**
   * @param values the params as read from YAML (maps, lists, strings, numbers, booleans)
   * @param path config path of the params map, e.g. {@code steps[1].measurements[0].params}
   * @param locator gives a human location ({@code path (file:line)}) for a sub path of this map
   */
  public Params(Map<String, Object> values, String path, Function<String, String> locator) {
    this.values = values == null ? Map.of() : new LinkedHashMap<>(values);
    this.path = path;
    this.locator = locator;
  }

  /** Params without a source file, for tests and programmatic use. */
  public static Params of(Map<String, Object> values) {
    return new Params(values, "params", p -> p);
  }

  /** The raw values; nested maps and lists as read from YAML. */
  public Map<String, Object> asMap() {
    return java.util.Collections.unmodifiableMap(values);
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** The {@code action} param ({@code start}, {@code gather}, ...), required. */
  public String action() {
    return requireString("action");
  }

  public Optional<String> string(String key) {
    Object v = values.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Map || v instanceof List) {
      throw error(key, "expected a string, found " + describe(v));
    }
    return Optional.of(v.toString());
  }

  public String string(String key, String fallback) {
    return string(key).orElse(fallback);
  }

  public String requireString(String key) {
    return string(key).orElseThrow(() -> error(key, "is required"));
  }

  public long integer(String key, long fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.longValue();
    }
    throw error(key, "expected an integer, found " + describe(v));
  }

  public double number(String key, double fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw error(key, "expected a number, found " + describe(v));
  }

  public boolean bool(String key, boolean fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw error(key, "expected true or false, found " + describe(v));
  }

  /** A duration written as {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h} or {@code 1m30s}. */
  public Duration duration(String key, Duration fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Durations.parse(v.toString());
    } catch (IllegalArgumentException e) {
      throw error(key, e.getMessage());
    }
  }

  /** A nested map as params of its own, or empty params when absent. */
  public Params nested(String key) {
    Object v = values.get(key);
    if (v == null) {
      return new Params(Map.of(), path + "." + key, locator);
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, val) -> copy.put(String.valueOf(k), val));
      return new Params(copy, path + "." + key, locator);
    }
    throw error(key, "expected a map, found " + describe(v));
  }

  /** An error about one key, naming its path and source line. */
  public ConfigException error(String key, String problem) {
    return new ConfigException(locator.apply(path + "." + key), problem);
  }

  /** Config path of these params. */
  public String path() {
    return path;
  }

  private static String describe(Object v) {
    if (v instanceof Map) {
      return "a map";
    }
    if (v instanceof List) {
      return "a list";
    }
    return "'" + v + "'";
  }
}
