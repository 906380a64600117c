package dev.netmark.api;

/**
 * The one unchecked exception of netmark. Subclasses add context (config path and line, the
 * Kubernetes object) so a message alone is enough to fix the problem.
 */
public class NetmarkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NetmarkException(String message) {
    super(message);
  }

  public NetmarkException(String message, Throwable cause) {
    super(message, cause);
  }
}
