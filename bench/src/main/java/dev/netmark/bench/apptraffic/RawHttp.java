package dev.netmark.bench.apptraffic;

import dev.netmark.testing.local.host.Exec;
import dev.netmark.testing.local.host.Netns;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * The raw side of {@code app-traffic}: an HTTP round trip between two network namespaces with no
 * netmark in the way. Namespaces {@code PREFIX-raw-a} (client) and {@code PREFIX-raw-b} (server)
 * hang off a bridge in {@code PREFIX-raw-br} by veth pairs, as two pods hang off a node's bridge; a
 * tiny blocking HTTP server in b answers {@code GET /BYTES} with status 200 and a body of BYTES
 * (the model's response sizes); the client in a sends each GET on a fresh connection and times it
 * as the shim times a request (docs/design.md, "Application models": connect start to the last byte
 * of the answer).
 */
final class RawHttp implements AutoCloseable {
  private static final int PORT = 8080;

  private final String prefix;
  private final String serverIp;
  private final ServerSocket server;
  private final Thread serving;

  private RawHttp(String prefix, String serverIp, ServerSocket server) {
    this.prefix = prefix;
    this.serverIp = serverIp;
    this.server = server;
    this.serving = Thread.ofPlatform().daemon().name("raw-http").start(this::serve);
  }

  /**
   * Creates the namespaces on {@code subnet} (a /24 given as its first three octets, e.g. {@code
   * 10.164.0}) and starts the server. Leftovers of a killed run with the same prefix are removed
   * first.
   */
  static RawHttp start(String prefix, String subnet) throws InterruptedException {
    removeNamespaces(prefix);
    String br = prefix + "-raw-br";
    String a = prefix + "-raw-a";
    String b = prefix + "-raw-b";
    try {
      for (String ns : List.of(br, a, b)) {
        Exec.check("ip", "netns", "add", ns);
        Exec.check("ip", "-n", ns, "link", "set", "lo", "up");
      }
      Exec.check("ip", "-n", br, "link", "add", "br0", "type", "bridge");
      Exec.check("ip", "-n", br, "link", "set", "br0", "up");
      int host = 2;
      for (String ns : List.of(a, b)) {
        String side = ns.substring(ns.length() - 1);
        Exec.check(
            "ip",
            "-n",
            br,
            "link",
            "add",
            "to-" + side,
            "type",
            "veth",
            "peer",
            "name",
            "eth0",
            "netns",
            ns);
        Exec.check("ip", "-n", br, "link", "set", "to-" + side, "master", "br0", "up");
        Exec.check("ip", "-n", ns, "addr", "add", subnet + "." + host++ + "/24", "dev", "eth0");
        Exec.check("ip", "-n", ns, "link", "set", "eth0", "up");
      }
      String serverIp = subnet + ".3";
      ServerSocket server =
          Netns.call(
              b,
              () -> {
                ServerSocket s = new ServerSocket();
                s.bind(new InetSocketAddress(serverIp, PORT), 128);
                return s;
              });
      return new RawHttp(prefix, serverIp, server);
    } catch (RuntimeException | InterruptedException e) {
      removeNamespaces(prefix);
      throw e;
    }
  }

  /** The HTTP/1.1 answer with {@code bodyBytes} of body, as the shim's server sends it. */
  static byte[] answer(int bodyBytes) {
    byte[] head =
        ("HTTP/1.1 200 OK\r\nContent-Length: " + bodyBytes + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + bodyBytes];
    System.arraycopy(head, 0, all, 0, head.length);
    Arrays.fill(all, head.length, all.length, (byte) 'x');
    return all;
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        String head = readHead(s.getInputStream());
        OutputStream out = s.getOutputStream();
        out.write(answer(bodyBytes(head)));
        out.flush();
      } catch (IOException e) {
        // Closed at the end, or one client gone: the next accept tells which.
      }
    }
  }

  /** Reads the request head up to its blank line. */
  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    for (int c; matched < 4 && (c = in.read()) >= 0; ) {
      head.append((char) c);
      matched = c == end[matched] ? matched + 1 : (c == '\r' ? 1 : 0);
    }
    return head.toString();
  }

  /** BYTES of {@code GET /BYTES HTTP/1.1}; 0 for any other request line. */
  static int bodyBytes(String head) {
    String[] line = head.lines().findFirst().orElse("").split(" ");
    if (line.length == 3 && line[1].matches("/[0-9]{1,7}")) {
      return Integer.parseInt(line[1].substring(1));
    }
    return 0;
  }

  /**
   * GETs from the client namespace until {@code stop} says so, one after the other at {@code
   * perSecond}, each on a fresh connection, taking {@code sizes} in turn; their latencies in
   * milliseconds (send to the last byte of the answer) by body size.
   */
  Map<Integer, List<Double>> get(List<Integer> sizes, double perSecond, BooleanSupplier stop)
      throws InterruptedException {
    return Netns.call(
        prefix + "-raw-a",
        () -> {
          Map<Integer, List<Double>> out = new TreeMap<>();
          long start = System.nanoTime();
          for (int i = 0; !stop.getAsBoolean(); i++) {
            long wait = start + (long) (i * 1e9 / perSecond) - System.nanoTime();
            if (wait > 0) {
              Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int size = sizes.get(i % sizes.size());
            out.computeIfAbsent(size, k -> new ArrayList<>()).add(once(size));
          }
          return out;
        });
  }

  private double once(int size) throws IOException {
    long t0 = System.nanoTime();
    try (Socket s = new Socket()) {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(serverIp, PORT), 2000);
      s.setSoTimeout(2000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET /" + size + " HTTP/1.1\r\nHost: " + serverIp + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] all = s.getInputStream().readAllBytes();
      double ms = (System.nanoTime() - t0) / 1e6;
      if (all.length != answer(size).length) {
        throw new IOException(
            "raw server answered " + all.length + " bytes, expected " + answer(size).length);
      }
      return ms;
    }
  }

  private static void removeNamespaces(String prefix) throws InterruptedException {
    for (String side : List.of("a", "b", "br")) {
      String ns = prefix + "-raw-" + side;
      if (Netns.path(ns).toFile().exists()) {
        Exec.run("ip", "netns", "del", ns);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    try {
      server.close();
    } catch (IOException e) {
      // Closing a listening socket: nothing left to do with it.
    }
    serving.join(2000);
    removeNamespaces(prefix);
  }
}
