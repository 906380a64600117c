package dev.netmark.engine.cli;

import dev.netmark.api.ConfigException;
import dev.netmark.api.NetmarkException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into one clear message and an exit code: 2 for a bad config or usage, 1 for a
 * run that could not proceed. Only an unexpected exception (a bug) prints a stack trace.
 */
final class Failures implements IExecutionExceptionHandler {
  static final int FAILED = 1;
  static final int USAGE = 2;

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    var err = cmd.getErr();
    if (e instanceof UsageException || e instanceof ConfigException) {
      err.println("netmark: " + e.getMessage());
      return USAGE;
    }
    if (e instanceof NetmarkException) {
      err.println("netmark: " + e.getMessage());
      return FAILED;
    }
    err.println("netmark: internal error, please report it with this trace: " + e);
    e.printStackTrace(err);
    return FAILED;
  }
}
