package dev.netmark.shim.probe;

/**
 * An HTTP/1.0 GET of {@code path} on {@code host:port} ({@link HttpRun}); an answer is a status
 * line with a code below 400. {@code host} is an IP literal or, for an external URL, a name the
 * node resolves once before probing.
 */
record HttpCheck(String host, int port, String path, int successesNeeded) implements Check {
  String hostHeader() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public String describe() {
    return "GET http://"
        + hostHeader()
        + path
        + (successesNeeded > 1 ? " x" + successesNeeded : "");
  }
}
