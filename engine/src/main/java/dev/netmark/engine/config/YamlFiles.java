package dev.netmark.engine.config;

import dev.netmark.api.ConfigException;
import dev.netmark.engine.template.RenderedText;
import dev.netmark.engine.template.TemplateRenderer;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** Renders a config or module file and composes its YAML, keeping every node's line. */
final class YamlFiles {
  static final String PARAMETER_HINT =
      "; set it with --set {name}=VALUE, a --testoverrides file or NETMARK_{name},"
          + " or give a default in the template: ${{name}!default}"
          + " or <#assign x = ({name})!default>";

  private YamlFiles() {}

  /**
   * Renders and composes one file; on failure records the problem and returns null.
   *
   * @param path config path of the document root ({@code ""} for the main file)
   */
  static Located load(Path file, Map<String, Object> vars, String path, LoadContext ctx) {
    String display = ctx.displayName(file);
    RenderedText text;
    try {
      text =
          TemplateRenderer.renderMapped(
              file, display, new ReadTracking(vars, ctx.read), PARAMETER_HINT);
    } catch (ConfigException e) {
      ctx.problem(e);
      return null;
    }
    ctx.rendered.add(text);
    Node root;
    try {
      root =
          new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text.text()));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      ctx.problem(
          (path.isEmpty() ? display : path) + " (" + text.location(line) + ")",
          "invalid YAML: " + e.getProblem() + context(e));
      return null;
    } catch (YAMLException e) {
      ctx.problem(path.isEmpty() ? display : path, "invalid YAML: " + e.getMessage());
      return null;
    }
    if (root == null) {
      ctx.problem(path.isEmpty() ? display : path + " (" + display + ")", "the file is empty");
      return null;
    }
    return new Located(root, path, text, ctx);
  }

  private static String context(MarkedYAMLException e) {
    return e.getContext() == null ? "" : " (" + e.getContext() + ")";
  }
}
