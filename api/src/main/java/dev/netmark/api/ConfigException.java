package dev.netmark.api;

/**
 * A problem in a test config, found before or while running it. The message names the config path
 * ({@code steps[2].phases[0].tuningSet}), the file and line, what was expected and what was found.
 */
public class ConfigException extends NetmarkException {
  private static final long serialVersionUID = 1L;
  private final String path;

  /**
   * @param path config path of the offending value, with its source location when known, e.g.
   *     {@code steps[1].params.timeout (test.yaml:12)}
   * @param problem what was expected and what was found
   */
  public ConfigException(String path, String problem) {
    super(path + ": " + problem);
    this.path = path;
  }

  /** The config path (and source location) the problem is about. */
  public String path() {
    return path;
  }
}
