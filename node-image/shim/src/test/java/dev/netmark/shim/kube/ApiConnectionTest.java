package dev.netmark.shim.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The watch's HTTP/1.1 connection against a server socket that answers one scripted response. */
class ApiConnectionTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** Serves {@code response} to one request; completes with the request's head. */
  private static CompletableFuture<String> serveOnce(ServerSocket server, String response) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
              head.write(in.read());
            }
            s.getOutputStream().write(response.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            return head.toString(StandardCharsets.ISO_8859_1);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static ApiEndpoint endpoint(ServerSocket server, String path) {
    URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    return new ApiEndpoint(uri, null, "t0k", null, "test");
  }

  @Test
  void sendsTheCredentialsUnderTheServersPathAndReadsAChunkedBody() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<String> request =
          serveOnce(
              server,
              "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                  + "Transfer-Encoding: chunked\r\n\r\n"
                  + "5;ext=1\r\n{\"a\":\r\n3\r\n 1}\r\n0\r\nX-Trailer: y\r\n\r\n");
      ApiEndpoint api = endpoint(server, "/prefix/");
      try (ApiConnection c = ApiConnection.open(api, TIMEOUT, TIMEOUT)) {
        c.get(api, "/api/v1/x?watch=false", Map.of("Accept", "application/json"));
        ApiConnection.Head head = c.head();
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.headers()).containsEntry("content-type", "application/json");
        assertThat(c.body(head)).isEqualTo("{\"a\": 1}");
      }
      assertThat(request.get())
          .startsWith("GET /prefix/api/v1/x?watch=false HTTP/1.1\r\n")
          .contains("\r\nHost: 127.0.0.1:" + server.getLocalPort() + "\r\n")
          .contains("\r\nAuthorization: Bearer t0k\r\n")
          .contains("\r\nAccept: application/json\r\n");
    }
  }

  @Test
  void readsALengthOrToTheEndAndSaysWhenTheBodyIsCut() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ApiEndpoint api = endpoint(server, "");
      serveOnce(server, "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\ndown");
      try (ApiConnection c = ApiConnection.open(api, TIMEOUT, TIMEOUT)) {
        c.get(api, "/", Map.of());
        ApiConnection.Head head = c.head();
        assertThat(head.status()).isEqualTo(503);
        assertThat(c.body(head)).isEqualTo("down");
      }
      serveOnce(server, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nto the end");
      try (ApiConnection c = ApiConnection.open(api, TIMEOUT, TIMEOUT)) {
        c.get(api, "/", Map.of());
        assertThat(c.body(c.head())).isEqualTo("to the end");
      }
      serveOnce(server, "HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\ncut short");
      try (ApiConnection c = ApiConnection.open(api, TIMEOUT, TIMEOUT)) {
        c.get(api, "/", Map.of());
        ApiConnection.Head head = c.head();
        assertThatThrownBy(() -> c.body(head))
            .isInstanceOf(EOFException.class)
            .hasMessageContaining("mid-body");
      }
      serveOnce(server, "SSH-2.0-OpenSSH\r\n\r\n");
      try (ApiConnection c = ApiConnection.open(api, TIMEOUT, TIMEOUT)) {
        c.get(api, "/", Map.of());
        assertThatThrownBy(c::head).hasMessage("not an HTTP/1.1 response: SSH-2.0-OpenSSH");
      }
    }
  }
}
