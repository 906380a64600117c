package dev.netmark.testing.local.fabric;

import dev.netmark.testing.local.host.Exec;
import dev.netmark.testing.local.host.Netns;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Traffic from inside a namespace (or the host when netns is null), for the fabric's tests. */
final class Probe {
  private Probe() {}

  /** Whether one ping from {@code netns} to {@code ip} is answered within 2 s. */
  static boolean ping(String netns, String ip) throws InterruptedException {
    return Exec.run("nsenter", "--net=" + Netns.path(netns), "ping", "-c", "1", "-W", "2", ip).ok();
  }

  /** The body of {@code GET /} on {@code ip:port}, over a socket opened in {@code netns}. */
  static String get(String netns, String ip, int port) throws Exception {
    if (netns == null) {
      return exchange(ip, port, 0);
    }
    return Netns.call(netns, () -> exchange(ip, port, 0));
  }

  /**
   * As {@link #get(String, String, int)}, from source port {@code localPort}: a connection that
   * reuses an earlier connection's 4-tuple, as a client's ephemeral port now and then does.
   */
  static String getFrom(String netns, int localPort, String ip, int port) throws Exception {
    return Netns.call(netns, () -> exchange(ip, port, localPort));
  }

  /** GET / on {@code ip:port}, from {@code localPort} or, with 0, the kernel's ephemeral port. */
  private static String exchange(String ip, int port, int localPort) throws Exception {
    try (Socket s = new Socket()) {
      if (localPort != 0) {
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(localPort));
      }
      s.connect(new InetSocketAddress(ip, port), 3000);
      s.setSoTimeout(3000);
      OutputStream out = s.getOutputStream();
      out.write(("GET / HTTP/1.0\r\nHost: " + ip + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (!response.startsWith("HTTP/1.1 200")) {
        throw new AssertionError("GET " + ip + ":" + port + " answered " + response);
      }
      return response.substring(response.indexOf("\r\n\r\n") + 4).strip();
    }
  }
}
