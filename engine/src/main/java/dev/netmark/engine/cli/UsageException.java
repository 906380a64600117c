package dev.netmark.engine.cli;

import dev.netmark.api.NetmarkException;

/** A command line that cannot work as given: exit code 2, with a message saying what to pass. */
final class UsageException extends NetmarkException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
