package dev.netmark.shim.kube;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Just enough of an API server for the shim's AOT training run ({@code ShimTraining}): on
 * 127.0.0.1, plain HTTP, it answers a list of one object with a list holding it, and a watch with a
 * WebSocket that carries one MODIFIED event of it and then stays open until closed. So the training
 * follows a ConfigMap the way every node's shim does ({@link NamedObjectWatch}), and the classes of
 * the watch come loaded and linked from the cache. One connection at a time.
 */
public final class TrainingApiServer implements AutoCloseable {
  private final ServerSocket server;
  private final String objectJson;
  private final CountDownLatch watched = new CountDownLatch(1);
  private final Thread thread;

  private TrainingApiServer(String objectJson) throws IOException {
    this.objectJson = objectJson;
    this.server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    this.thread = Thread.ofPlatform().daemon().name("training-api").start(this::serve);
  }

  /**
   * Starts serving {@code objectJson} (one object with {@code metadata.name} and {@code
   * metadata.resourceVersion}) for every list and watch.
   */
  public static TrainingApiServer start(String objectJson) throws IOException {
    return new TrainingApiServer(objectJson);
  }

  /** A kubeconfig for this server: plain HTTP, no credentials. */
  public String kubeconfig() {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: training
          cluster:
            server: http://127.0.0.1:%d
        contexts:
        - name: training
          context:
            cluster: training
            user: training
        current-context: training
        users:
        - name: training
          user: {}
        """
        .formatted(server.getLocalPort());
  }

  /** Waits until a watch got its event; false after {@code timeoutMs}. */
  public boolean awaitWatched(long timeoutMs) throws InterruptedException {
    return watched.await(timeoutMs, TimeUnit.MILLISECONDS);
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        answer(s.getInputStream(), s.getOutputStream());
      } catch (IOException e) {
        // Closed, or a client that went away: the training goes on or ends.
      }
    }
  }

  private void answer(InputStream in, OutputStream out) throws IOException {
    String request = line(in);
    String key = null;
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      if (h.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
        key = h.substring(h.indexOf(':') + 1).strip();
      }
    }
    if (!request.contains("watch=true") || key == null) {
      String list =
          "{\"kind\":\"List\",\"metadata\":{\"resourceVersion\":\"1\"},\"items\":["
              + objectJson
              + "]}";
      byte[] body = list.getBytes(StandardCharsets.UTF_8);
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      return;
    }
    out.write(
        ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: "
                + WebSocketMessages.accept(key)
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    byte[] event =
        ("{\"type\":\"MODIFIED\",\"object\":" + objectJson + "}").getBytes(StandardCharsets.UTF_8);
    out.write(frameHead(event.length));
    out.write(event);
    out.flush();
    watched.countDown();
    in.transferTo(OutputStream.nullOutputStream()); // open until the shim closes it
  }

  // A server's text frame (FIN, opcode 1, unmasked) of n bytes.
  static byte[] frameHead(int n) {
    if (n < 126) {
      return new byte[] {(byte) 0x81, (byte) n};
    }
    if (n < 65_536) {
      return new byte[] {(byte) 0x81, 126, (byte) (n >>> 8), (byte) n};
    }
    throw new IllegalArgumentException("a training object of " + n + " bytes");
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder l = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the client closed the connection");
      }
      l.append((char) b);
    }
    return l.toString().strip();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
