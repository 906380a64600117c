package dev.netmark.shim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A whole shim started while its API server is down: CRI is served, /healthz says why. */
class NoApiServerTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theShimServesCriAndSaysWhatIsMissing() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort(); // nothing listens there once closed
    }
    String master = "https://127.0.0.1:" + closedPort;
    Path kubeconfig =
        Files.writeString(
            dir.resolve("kubeconfig"),
            """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
            users: [{name: u, user: {token: t}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """
                .formatted(master));
    Path socket = dir.resolve("shim.sock");
    ShimOptions options =
        new ShimOptions(
            socket,
            dir.resolve("containerd.sock"),
            Files.createDirectories(dir.resolve("net.d")),
            List.of(dir.resolve("bin")),
            "node-a",
            "127.0.0.1:0",
            dir.resolve("state"),
            Duration.ofSeconds(5),
            dir.resolve("netns"),
            "nmtest-",
            null,
            null,
            kubeconfig,
            true,
            null);
    // Before: Shim.start waited for the informer's first list, then threw "An error has occurred."
    try (Shim shim = Shim.start(options)) {
      assertThat(socket).exists();
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + shim.metricsPort() + "/healthz"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body())
          .startsWith(
              "degraded\ndegraded: probe targets: cannot read ConfigMap"
                  + " netmark-system/netmark-probe-targets key targets.json through kubeconfig "
                  + kubeconfig
                  + " (context x) at "
                  + master
                  + " (ConnectException");
    }
  }
}
