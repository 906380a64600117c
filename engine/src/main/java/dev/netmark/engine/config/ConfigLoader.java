package dev.netmark.engine.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Loads a test config: renders it with FreeMarker, reads the YAML keeping every value's line,
 * flattens modules, compiles the domain steps and validates everything before anything touches a
 * cluster.
 *
 * <p>Example: {@code ConfigLoader.load(Path.of("test.yaml"), ParameterSources.of(files, sets,
 * System.getenv()), catalog).config()}.
 */
public final class ConfigLoader {
  private static final Set<String> TOP_KEYS =
      Fields.allowed("name", "namespace", "tuningSets", "steps");

  private ConfigLoader() {}

  /**
   * Loads and validates a config file.
   *
   * @param file the main config file
   * @param params the test parameters, visible to every file as top-level variables
   * @param catalog the tuning-set kinds and measurement methods available
   * @return the model and the rendered text of every file
   * @throws ConfigErrors listing every problem found: config path, file:line, expected and found
   */
  public static LoadedConfig load(Path file, ParameterSources params, Catalog catalog) {
    LoadContext ctx = new LoadContext(catalog, params.values(), file);
    Located root = YamlFiles.load(file, params.values(), "", ctx);
    TestConfig config = root == null ? null : read(root, file, ctx);
    if (!ctx.problems().isEmpty() || config == null) {
      throw new ConfigErrors(ctx.displayName(file), ctx.problems());
    }
    return new LoadedConfig(config, ctx.rendered, ctx.read);
  }

  private static TestConfig read(Located root, Path file, LoadContext ctx) {
    Fields top = root.fields(TOP_KEYS);
    if (top == null) {
      return null;
    }
    String name = top.string("name", true);
    NamespaceSpec namespace = PreambleReader.namespace(top.get("namespace"));
    List<TuningSetSpec> tuningSets =
        top.has("tuningSets") ? PreambleReader.tuningSets(top.get("tuningSets"), ctx) : List.of();
    List<StepSpec> steps = new ArrayList<>();
    if (top.has("steps")) {
      StepCompiler compiler = new StepCompiler(ctx, namespace, tuningSets);
      steps = compiler.compile(top.get("steps"), List.of(file.toAbsolutePath().normalize()));
    } else {
      top.missing("steps", "a list of steps");
    }
    if (name == null) {
      return null;
    }
    return new TestConfig(name, namespace, tuningSets, steps, file, root.source.text());
  }

  /** The names of a config's tuning sets, for messages. */
  static String names(List<TuningSetSpec> sets) {
    return sets.isEmpty()
        ? "no tuningSets are defined"
        : "defined: " + String.join(", ", sets.stream().map(TuningSetSpec::name).toList());
  }
}
