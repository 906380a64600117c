package dev.netmark.shim.targets;

import java.util.List;

/** Probe targets that cannot be used; the message names where they came from and every problem. */
public final class InvalidTargetsException extends IllegalArgumentException {
  private final transient List<String> problems;

  public InvalidTargetsException(String origin, List<String> problems, Throwable cause) {
    super("invalid probe targets from " + origin + ": " + String.join("; ", problems), cause);
    this.problems = List.copyOf(problems);
  }

  /** Each problem, naming the field ({@code policy.intervalMs}) and the value found. */
  public List<String> problems() {
    return problems;
  }
}
