package dev.netmark.shim.app;

/**
 * {@code netmark-serve http PORT [--body BYTES]}, {@code netmark-serve tcp-echo PORT} or {@code
 * netmark-serve tcp-sink PORT}.
 *
 * @param serves one of {@link dev.netmark.contract.AppTier#SERVES}
 * @param port the port to listen on, in the pod's namespace
 * @param bodyBytes the HTTP response body's size (0 for TCP)
 */
public record ServeCommand(String serves, int port, int bodyBytes) implements AppCommand {
  public boolean http() {
    return "http".equals(serves);
  }
}
