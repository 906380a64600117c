package dev.netmark.engine.config;

import dev.netmark.engine.config.ConfigErrors.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The test parameters: top-level FreeMarker variables of every config and module file. They come
 * from {@code --testoverrides} files (later file wins), {@code --set key=value} (later wins) and
 * {@code NETMARK_<key>} environment variables. The same key from two of these three kinds of source
 * with different values is an error naming both, never silently resolved. Immutable.
 */
public final class ParameterSources {
  /** Prefix of environment variables that set parameters. */
  public static final String ENV_PREFIX = "NETMARK_";

  /**
   * {@code NETMARK_*} variables that configure netmark's own tools, not a test: the plugin path,
   * the launcher's JVM options and what the {@code hack/} scripts export. They are never
   * parameters.
   */
  public static final Set<String> TOOL_VARIABLES =
      Set.of(
          "NETMARK_PLUGIN_PATH",
          "NETMARK_JAVA_OPTS",
          "NETMARK_ROOT",
          "NETMARK_BUILD_DIR",
          "NETMARK_BENCH_BUILT",
          "NETMARK_BENCH_JAR",
          "NETMARK_KEEP_SCREENSHOT");

  private final Map<String, Object> values;
  private final Map<String, String> origins;

  private ParameterSources(Map<String, Object> values, Map<String, String> origins) {
    this.values = Collections.unmodifiableMap(values);
    this.origins = Collections.unmodifiableMap(origins);
  }

  /** No parameters: the defaults written in the templates apply. */
  public static ParameterSources none() {
    return new ParameterSources(new LinkedHashMap<>(), new LinkedHashMap<>());
  }

  /**
   * Collects parameters.
   *
   * @param overrides {@code --testoverrides} files, each a YAML map of key: value
   * @param sets {@code --set} arguments, each {@code key=value}
   * @param env the environment; only {@code NETMARK_*} variables are read, except {@link
   *     #TOOL_VARIABLES}
   * @throws ConfigErrors listing every unreadable file, malformed {@code --set} and conflict
   */
  public static ParameterSources of(
      List<Path> overrides, List<String> sets, Map<String, String> env) {
    List<Problem> problems = new ArrayList<>();
    Layer files = new Layer();
    for (Path file : overrides) {
      readOverrides(file, files, problems);
    }
    Layer setLayer = new Layer();
    for (String set : sets) {
      int eq = set.indexOf('=');
      if (eq <= 0) {
        problems.add(new Problem("--set " + set, "expected key=value, found '" + set + "'"));
        continue;
      }
      String key = set.substring(0, eq).strip();
      setLayer.put(key, ScalarText.parse(set.substring(eq + 1)), "--set " + set);
    }
    Layer envLayer = new Layer();
    new TreeMap<>(env)
        .forEach(
            (name, value) -> {
              if (name.startsWith(ENV_PREFIX)
                  && name.length() > ENV_PREFIX.length()
                  && !TOOL_VARIABLES.contains(name)) {
                String key = name.substring(ENV_PREFIX.length());
                envLayer.put(key, ScalarText.parse(value), "environment " + name + "=" + value);
              }
            });
    Layer merged = new Layer();
    for (Layer layer : List.of(files, setLayer, envLayer)) {
      layer.values.forEach(
          (key, value) -> {
            String origin = layer.origins.get(key);
            if (merged.values.containsKey(key) && !ScalarText.same(merged.values.get(key), value)) {
              problems.add(
                  new Problem(
                      "parameter " + key,
                      "conflicting values: "
                          + show(merged.values.get(key))
                          + " from "
                          + merged.origins.get(key)
                          + ", and "
                          + show(value)
                          + " from "
                          + origin
                          + "; set it in one place"));
            } else if (!merged.values.containsKey(key)) {
              merged.put(key, value, origin);
            }
          });
    }
    if (!problems.isEmpty()) {
      throw new ConfigErrors("parameters", problems);
    }
    return new ParameterSources(merged.values, merged.origins);
  }

  /** The parameters by name, typed as YAML types them (numbers, booleans, strings). */
  public Map<String, Object> values() {
    return values;
  }

  /** Where a parameter came from, e.g. {@code --set Nodes=3}, or null when it is not set. */
  public String origin(String key) {
    return origins.get(key);
  }

  private static void readOverrides(Path file, Layer into, List<Problem> problems) {
    String where = "--testoverrides " + file;
    Object loaded;
    try {
      loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    } catch (NoSuchFileException e) {
      problems.add(new Problem(where, "file not found"));
      return;
    } catch (IOException e) {
      problems.add(new Problem(where, "cannot read: " + e.getMessage()));
      return;
    } catch (YAMLException e) {
      problems.add(new Problem(where, "invalid YAML: " + e.getMessage().replace('\n', ' ')));
      return;
    }
    if (loaded == null) {
      return;
    }
    if (!(loaded instanceof Map<?, ?> map)) {
      problems.add(new Problem(where, "expected a map of key: value, found " + show(loaded)));
      return;
    }
    map.forEach((k, v) -> into.put(String.valueOf(k), v, "overrides file " + file));
  }

  private static String show(Object v) {
    return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
  }

  /** One kind of source; within it, a later value replaces an earlier one. */
  private static final class Layer {
    final Map<String, Object> values = new LinkedHashMap<>();
    final Map<String, String> origins = new LinkedHashMap<>();

    void put(String key, Object value, String origin) {
      values.put(key, value);
      origins.put(key, origin);
    }
  }
}
