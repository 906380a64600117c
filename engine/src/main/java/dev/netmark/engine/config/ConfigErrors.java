package dev.netmark.engine.config;

import dev.netmark.api.ConfigException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every problem found in a test config in one pass, so a user fixes them all at once. The message
 * lists one problem per line: config path, {@code (file:line)}, what was expected and found.
 */
public final class ConfigErrors extends ConfigException {
  private static final long serialVersionUID = 1L;

  /**
   * One problem.
   *
   * @param where config path and source location, e.g. {@code steps[2].phases[0].tuningSet
   *     (test.yaml:14)}
   * @param problem what was expected and what was found
   */
  public record Problem(String where, String problem) {
    @Override
    public String toString() {
      return where + ": " + problem;
    }
  }

  private final transient List<Problem> problems;

  /**
   * @param file the config file (its display name)
   * @param problems at least one problem
   */
  public ConfigErrors(String file, List<Problem> problems) {
    super(file, summary(problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, in the order they were found. */
  public List<Problem> problems() {
    return problems;
  }

  private static String summary(List<Problem> problems) {
    String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
    return count + ":\n" + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
  }
}
