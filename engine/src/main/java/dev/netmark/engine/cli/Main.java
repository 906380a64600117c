package dev.netmark.engine.cli;

import java.util.List;
import java.util.Locale;

/** The {@code netmark} command: exits with the code of {@link NetmarkCommand}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    lowerLogLevel(args);
    System.exit(NetmarkCommand.execute(args));
  }

  /**
   * {@code --log-level trace} or {@code debug} must reach slf4j-simple before the first logger
   * exists (each fixes its level when made), so it is read here, before the command line is parsed.
   * Higher levels only filter what the terminal shows (see {@link LogFiles}).
   */
  static void lowerLogLevel(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String level = null;
      if (args[i].equals("--log-level") && i + 1 < args.length) {
        level = args[i + 1];
      } else if (args[i].startsWith("--log-level=")) {
        level = args[i].substring("--log-level=".length());
      }
      if (level != null && List.of("trace", "debug").contains(level.toLowerCase(Locale.ROOT))) {
        System.setProperty(
            "org.slf4j.simpleLogger.defaultLogLevel", level.toLowerCase(Locale.ROOT));
      }
    }
  }
}
