package dev.netmark.engine.config;

import dev.netmark.engine.config.ConfigErrors.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses parameters that no template of the run reads: a {@code --set Pods=500} that no config
 * knows would otherwise run the default size without a word.
 */
public final class UnreadParameters {
  /** The command-line option that lets unread parameters through. */
  public static final String ESCAPE = "--allow-unused-params";

  private UnreadParameters() {}

  /**
   * @param params the parameters given
   * @param loaded the config, with the names its templates read
   * @throws ConfigErrors naming every unread parameter and where it came from, and listing the
   *     knobs that exist
   */
  public static void check(ParameterSources params, LoadedConfig loaded) {
    Set<String> read = loaded.parametersRead();
    Set<String> knobs = new TreeSet<>(read);
    List<Problem> problems = new ArrayList<>();
    for (String key : params.values().keySet()) {
      if (read.contains(key)) {
        continue;
      }
      String similar = knobs.stream().filter(k -> k.equalsIgnoreCase(key)).findFirst().orElse(null);
      problems.add(
          new Problem(
              params.origin(key),
              "parameter "
                  + key
                  + " is read by no template of this run"
                  + (similar != null ? " (did you mean " + similar + "?)" : "")
                  + "; the knobs that exist: "
                  + (knobs.isEmpty() ? "none" : String.join(", ", knobs))
                  + ". "
                  + ESCAPE
                  + " lets it through (for an overrides file shared between configs)"));
    }
    if (!problems.isEmpty()) {
      throw new ConfigErrors(loaded.config().source().toString(), problems);
    }
  }
}
