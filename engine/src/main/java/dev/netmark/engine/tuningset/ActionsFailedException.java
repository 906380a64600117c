package dev.netmark.engine.tuningset;

import dev.netmark.api.NetmarkException;

/**
 * Some actions of a tuning set failed. The message is the first failure's; later failures are
 * attached as suppressed exceptions (at most {@link ActionGroup#MAX_KEPT_FAILURES}).
 */
public class ActionsFailedException extends NetmarkException {
  private static final long serialVersionUID = 1L;
  private final int failed;

  public ActionsFailedException(int failed, Throwable first) {
    super((failed == 1 ? "" : failed + " actions failed, the first: ") + describe(first), first);
    this.failed = failed;
  }

  /** How many actions failed. */
  public int failedCount() {
    return failed;
  }

  private static String describe(Throwable t) {
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }
}
