package dev.netmark.engine.cli;

/** The levels of {@code --log-level}, lowest first (slf4j's). */
enum LogLevel {
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR;

  /** The level a log line names ({@code ... [thread] WARN logger - message}), or null. */
  static LogLevel of(String line) {
    int bracket = line.indexOf("] ");
    if (bracket < 0 || bracket > 200) {
      return null;
    }
    int from = bracket + 2;
    int space = line.indexOf(' ', from);
    if (space < 0) {
      return null;
    }
    try {
      return valueOf(line.substring(from, space));
    } catch (IllegalArgumentException e) {
      return null; // not a log line: a stack trace, a library's own print
    }
  }
}
