package dev.netmark.testing.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus ({@code /usr/bin/prometheus}, Debian) started as a child process on a free
 * loopback port, with a private config and storage dir, scraping static targets. {@link #close}
 * ends that process by its handle and deletes the dir.
 */
public final class PrometheusServer implements AutoCloseable {
  public static final String JOB = "netmark-shims";
  private static final Path BINARY = Path.of("/usr/bin/prometheus");

  private final Process process;
  private final Path dir;
  private final String url;

  private PrometheusServer(Process process, Path dir, String url) {
    this.process = process;
    this.dir = dir;
    this.url = url;
  }

  /**
   * Starts Prometheus scraping {@code host:port} targets every {@code interval}, each labelled
   * {@code node=<key>}, and waits until it is ready.
   */
  public static PrometheusServer start(Map<String, String> targetByNode, Duration interval)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " is missing: install the prometheus package");
    }
    Path dir = Files.createTempDirectory("netmark-prometheus-");
    StringBuilder config =
        new StringBuilder(
            "global:\n  scrape_interval: "
                + interval.toMillis()
                + "ms\n  scrape_timeout: "
                + interval.toMillis()
                + "ms\nscrape_configs:\n"
                + "  - job_name: "
                + JOB
                + "\n    static_configs:\n");
    targetByNode.forEach(
        (node, target) ->
            config
                .append("      - targets: ['")
                .append(target)
                .append("']\n        labels: {node: '")
                .append(node)
                .append("'}\n"));
    Files.writeString(dir.resolve("prometheus.yml"), config);
    int port = freePort();
    Process p =
        new ProcessBuilder(
                BINARY.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    PrometheusServer server = new PrometheusServer(p, dir, "http://127.0.0.1:" + port);
    try {
      server.awaitReady(Duration.ofSeconds(30));
      return server;
    } catch (RuntimeException | InterruptedException e) {
      server.close();
      throw e;
    }
  }

  public String url() {
    return url;
  }

  /**
   * The value of a query whose answer is one sample (a one-element vector or a scalar).
   *
   * @throws IllegalStateException quoting the answer when it is anything else
   */
  public double value(String promql) throws IOException, InterruptedException {
    URI query =
        URI.create(
            url + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    String body =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(query).build(), HttpResponse.BodyHandlers.ofString())
            .body();
    JsonNode data = new JsonMapper().readTree(body).path("data");
    JsonNode result = data.path("result");
    JsonNode pair =
        data.path("resultType").asString("").equals("scalar")
            ? result
            : result.size() == 1 ? result.get(0).path("value") : null;
    if (pair == null || pair.size() != 2) {
      throw new IllegalStateException(promql + ": expected one sample, got " + body);
    }
    return Double.parseDouble(pair.get(1).asString());
  }

  /** Waits until Prometheus has scraped {@code targets} targets successfully. */
  public void awaitTargetsUp(int targets, Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    URI query =
        URI.create(
            url
                + "/api/v1/query?query="
                + URLEncoder.encode("count(up == 1)", StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        last =
            http.send(HttpRequest.newBuilder(query).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        if (last.contains("\"" + targets + "\"]")) {
          return;
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        "prometheus did not scrape " + targets + " targets within " + timeout + ": " + last);
  }

  private void awaitReady(Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("prometheus exited: " + log());
      }
      try {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url + "/-/ready")).build();
        if (http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("prometheus not ready within " + timeout + ": " + log());
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("prometheus.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    try {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } finally {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
