package dev.netmark.testing.local.host;

import dev.netmark.api.NetmarkException;

/** Something on this machine is missing, in the way, or failed while local mode set it up. */
public class HostException extends NetmarkException {
  private static final long serialVersionUID = 1L;

  public HostException(String message) {
    super(message);
  }

  public HostException(String message, Throwable cause) {
    super(message, cause);
  }
}
