package dev.netmark.shim.netns;

/** A network namespace operation failed; the message names the namespace and the system call. */
public class NetnsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a complete message. */
  public NetnsException(String message) {
    super(message);
  }

  /** Creates an exception with a complete message and its cause. */
  public NetnsException(String message, Throwable cause) {
    super(message, cause);
  }
}
