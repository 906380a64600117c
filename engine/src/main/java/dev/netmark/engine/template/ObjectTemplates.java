package dev.netmark.engine.template;

import dev.netmark.api.ConfigException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Renders the object templates of a phase's {@code objectBundle} into Kubernetes objects. Safe to
 * call from many threads at once: parsed templates are cached and shared.
 */
public final class ObjectTemplates {
  private static final String HINT =
      "; object templates see Name, Index, Namespace and the templateFillMap entries"
          + " (write ${X!default} for an optional one)";

  private ObjectTemplates() {}

  /**
   * The variables of one object, as the engine passes them: {@code Name} ({@code
   * <basename>-<index>}), {@code Index}, {@code Namespace}, then the fill map (which may not
   * override the three).
   */
  public static Map<String, Object> vars(
      String name, int index, String namespace, Map<String, Object> templateFillMap) {
    Map<String, Object> vars = new LinkedHashMap<>(templateFillMap);
    vars.put("Name", name);
    vars.put("Index", index);
    if (namespace != null) {
      vars.put("Namespace", namespace);
    }
    return vars;
  }

  /**
   * Renders a template and parses it as one Kubernetes object.
   *
   * @param template the template file
   * @param vars the variables, see {@link #vars}
   * @return the object as nested maps, lists and scalars
   * @throws ConfigException naming the template file and line for an undefined variable, a template
   *     error, YAML that is not one map, or a missing file
   */
  public static Map<String, Object> render(Path template, Map<String, Object> vars) {
    String text = renderText(template, vars);
    String name = template.toString();
    Object parsed;
    try {
      parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      throw new ConfigException(
          name + " rendered line " + line, "invalid YAML after rendering: " + e.getProblem());
    } catch (YAMLException e) {
      throw new ConfigException(name, "invalid YAML after rendering: " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new ConfigException(
          name, "expected one Kubernetes object (a YAML map), found " + describe(parsed));
    }
    Map<String, Object> object = new LinkedHashMap<>();
    map.forEach((k, v) -> object.put(String.valueOf(k), v));
    return object;
  }

  /** Renders a template to YAML text without parsing it. */
  public static String renderText(Path template, Map<String, Object> vars) {
    return TemplateRenderer.render(template, template.toString(), vars, HINT);
  }

  private static String describe(Object v) {
    if (v == null) {
      return "nothing";
    }
    return v instanceof List ? "a list" : "'" + v + "'";
  }
}
