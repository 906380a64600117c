package dev.netmark.shim.kube;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 connection to the API server on a plain socket (TLS from the endpoint's context for
 * {@code https}): a request, then its response's head and body, or a WebSocket after a {@code 101}.
 * The shim asks for one object and follows it; the JDK's HTTP client cost every node about 400
 * classes, its HTTP/2 tables, four threads and, even for {@code http}, the JDK's trusted CAs
 * (docs/performance.md, shim-footprint).
 */
final class ApiConnection implements AutoCloseable {
  private static final int MAX_HEAD_BYTES = 64 * 1024;
  private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final String hostHeader;
  private final String basePath;

  /** The status code and headers (names in lower case) of a response. */
  record Head(int status, Map<String, String> headers) {}

  private ApiConnection(Socket socket, String hostHeader, String basePath) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
    this.hostHeader = hostHeader;
    this.basePath = basePath;
  }

  /**
   * Connects to {@code api}'s server.
   *
   * @param readTimeout how long one read may block
   */
  static ApiConnection open(ApiEndpoint api, Duration connectTimeout, Duration readTimeout)
      throws IOException {
    URI server = api.server();
    boolean tls = "https".equals(server.getScheme());
    String host = server.getHost();
    if (host == null) {
      throw new IOException("no host in the server URL " + server);
    }
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    int port = server.getPort() > 0 ? server.getPort() : tls ? 443 : 80;
    Socket s = new Socket();
    try {
      s.connect(new InetSocketAddress(bare, port), (int) connectTimeout.toMillis());
      s.setSoTimeout((int) readTimeout.toMillis());
      if (tls) {
        s = handshake(api, s, bare, port);
      }
      String base = server.getRawPath() == null ? "" : server.getRawPath().replaceAll("/+$", "");
      return new ApiConnection(s, host + ":" + port, base);
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  // The host name is checked as the JDK's HTTP client checks it.
  private static Socket handshake(ApiEndpoint api, Socket plain, String host, int port)
      throws IOException {
    if (api.tls() == null) {
      throw new IOException("https without a TLS context: " + api.origin());
    }
    SSLSocket s =
        (SSLSocket)
            api.tls().getSocketFactory().createSocket(plain, host, port, /* autoClose= */ true);
    SSLParameters p = s.getSSLParameters();
    // insecure-skip-tls-verify's trust manager skips this check with the chain's.
    p.setEndpointIdentificationAlgorithm("HTTPS");
    if (!host.contains(":") && !Character.isDigit(host.charAt(host.length() - 1))) {
      p.setServerNames(List.of(new SNIHostName(host)));
    }
    s.setSSLParameters(p);
    s.startHandshake();
    return s;
  }

  /** Sends {@code GET pathAndQuery} with the endpoint's credentials and {@code extra} headers. */
  void get(ApiEndpoint api, String pathAndQuery, Map<String, String> extra) throws IOException {
    StringBuilder r = new StringBuilder();
    r.append("GET ").append(basePath).append(pathAndQuery).append(" HTTP/1.1\r\n");
    r.append("Host: ").append(hostHeader).append("\r\n");
    r.append("User-Agent: netmark-shim\r\n");
    String auth = api.authorization();
    if (auth != null) {
      r.append("Authorization: ").append(auth).append("\r\n");
    }
    extra.forEach((k, v) -> r.append(k).append(": ").append(v).append("\r\n"));
    r.append("\r\n");
    out.write(r.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Reads a response's status line and headers. */
  Head head() throws IOException {
    String status = line();
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.1 response: " + status);
    }
    int code;
    try {
      code = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("not an HTTP/1.1 response: " + status, e);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h = line(); !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      if (colon > 0) {
        headers.put(
            h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
      }
    }
    return new Head(code, headers);
  }

  /** Reads the body of the response whose head was {@code head} (length, chunked or to close). */
  String body(Head head) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String length = head.headers().get("content-length");
    if ("chunked".equalsIgnoreCase(head.headers().get("transfer-encoding"))) {
      for (int n = chunkSize(); n > 0; n = chunkSize()) {
        copy(n, body);
        line();
      }
      for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
        // trailers are ignored
      }
    } else if (length != null) {
      copy(Integer.parseInt(length.strip()), body);
    } else {
      byte[] buf = new byte[8192];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        body.write(buf, 0, n);
        limit(body.size());
      }
    }
    return body.toString(StandardCharsets.UTF_8);
  }

  private int chunkSize() throws IOException {
    String l = line();
    int semi = l.indexOf(';');
    try {
      return Integer.parseInt((semi < 0 ? l : l.substring(0, semi)).strip(), 16);
    } catch (NumberFormatException e) {
      throw new IOException("bad chunk size: " + l, e);
    }
  }

  private void copy(int n, ByteArrayOutputStream to) throws IOException {
    limit(to.size() + (long) n);
    byte[] b = in.readNBytes(n);
    if (b.length < n) {
      throw new EOFException("the API server closed the connection mid-body");
    }
    to.write(b, 0, n);
  }

  private static void limit(long size) throws IOException {
    if (size > MAX_BODY_BYTES) {
      throw new IOException("the API server's answer is over " + MAX_BODY_BYTES + " bytes");
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream l = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("the API server closed the connection");
      }
      if (l.size() > MAX_HEAD_BYTES) {
        throw new IOException("an HTTP line over " + MAX_HEAD_BYTES + " bytes");
      }
      l.write(b);
    }
    String s = l.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  InputStream in() {
    return in;
  }

  OutputStream out() {
    return out;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
