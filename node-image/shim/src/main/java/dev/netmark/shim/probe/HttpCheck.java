package dev.netmark.shim.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.0 GET on a fresh TCP connection per attempt (so a service VIP is resolved by DNAT each
 * time); success is a status line with a code below 400. The connect is bounded by the attempt
 * timeout, so a SYN lost on a datapath that is not ready yet is retried at the probe interval; once
 * connected the path is proven, and the reply may take up to {@link #RESPONSE_TIMEOUT_MS}: a busy
 * server is not an unready network, and giving up on it would only add load and attempts. A plain
 * socket rather than an HTTP client: the socket is created on the probing thread and so lives in
 * the pod's namespace, with no client threads or connection pools that could live elsewhere.
 */
record HttpCheck(String host, int port, String path, int successesNeeded) implements Check {
  private static final int MAX_STATUS_LINE = 256;
  static final int RESPONSE_TIMEOUT_MS = 2_000;

  @Override
  public boolean attempt(int timeoutMs) throws IOException {
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), timeoutMs);
      socket.setSoTimeout(Math.max(timeoutMs, RESPONSE_TIMEOUT_MS));
      String request =
          "GET "
              + path
              + " HTTP/1.0\r\nHost: "
              + hostHeader()
              + "\r\nUser-Agent: netmark-shim\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = statusLine(socket.getInputStream());
      String[] parts = status.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        throw new IOException("not an HTTP response: '" + status + "'");
      }
      int code = Integer.parseInt(parts[1]);
      if (code >= 400) {
        throw new IOException("HTTP status " + code);
      }
      return true;
    } catch (NumberFormatException e) {
      throw new IOException("malformed HTTP status line", e);
    }
  }

  private String hostHeader() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0 && b != '\n' && line.length() < MAX_STATUS_LINE) {
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  @Override
  public String describe() {
    return "GET http://"
        + hostHeader()
        + path
        + (successesNeeded > 1 ? " x" + successesNeeded : "");
  }
}
