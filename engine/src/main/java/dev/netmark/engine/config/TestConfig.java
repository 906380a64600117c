package dev.netmark.engine.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A validated test config: the result of rendering, parsing, flattening modules and compiling the
 * domain steps. Every element carries its config path with source location for error messages.
 *
 * @param name the test name
 * @param namespace the automanaged namespaces
 * @param tuningSets tuning sets by name, in config order
 * @param steps the steps in order, modules flattened, domain steps compiled
 * @param source the main config file
 * @param rendered the main config after FreeMarker, as YAML text
 */
public record TestConfig(
    String name,
    NamespaceSpec namespace,
    List<TuningSetSpec> tuningSets,
    List<StepSpec> steps,
    Path source,
    String rendered) {
  public TestConfig {
    tuningSets = List.copyOf(tuningSets);
    steps = List.copyOf(steps);
  }
}
