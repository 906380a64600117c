package dev.netmark.shim.metrics;

import java.net.InetSocketAddress;

/** Parses {@code --metrics-addr}: {@code host:port}, {@code [v6]:port} or {@code :port}. */
final class HttpAddress {
  private HttpAddress() {}

  static InetSocketAddress parse(String address) {
    int colon = address == null ? -1 : address.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "--metrics-addr must be host:port or :port, found '" + address + "'");
    }
    String host = address.substring(0, colon);
    String portText = address.substring(colon + 1);
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--metrics-addr '" + address + "': port must be a number, found '" + portText + "'", e);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "--metrics-addr '" + address + "': port must be 0-65535, found " + port);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }
}
