package dev.netmark.engine.config;

import dev.netmark.engine.template.RenderedText;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A validated config and the text FreeMarker produced for it.
 *
 * @param config the validated model
 * @param rendered the main file first, then each module in the order it was included (a module
 *     included twice appears twice, rendered with each set of params)
 * @param parametersRead every top-level name a config or module template looked up, set or not: the
 *     knobs of this run
 */
public record LoadedConfig(
    TestConfig config, List<RenderedText> rendered, Set<String> parametersRead) {
  public LoadedConfig {
    rendered = List.copyOf(rendered);
    parametersRead = Set.copyOf(parametersRead);
  }

  /** All rendered files as one text, each under a {@code # ---- file} comment header. */
  public String renderedText() {
    if (rendered.size() == 1) {
      return rendered.getFirst().text();
    }
    return rendered.stream()
        .map(r -> "# ---- " + r.displayName() + "\n" + withNewline(r.text()))
        .collect(Collectors.joining());
  }

  private static String withNewline(String text) {
    return text.endsWith("\n") ? text : text + "\n";
  }
}
