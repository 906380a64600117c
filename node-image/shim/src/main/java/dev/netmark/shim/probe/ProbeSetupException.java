package dev.netmark.shim.probe;

/** A probe socket could not be made; the message says which and why. */
final class ProbeSetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ProbeSetupException(String message) {
    super(message);
  }
}
