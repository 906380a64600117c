package dev.netmark.shim.testing;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.PodEventCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** Reads a shim's /records and /metrics over HTTP, as the measurements do. */
public final class ShimHttp {
  private final HttpClient client = HttpClient.newHttpClient();
  private final int port;

  public ShimHttp(int port) {
    this.port = port;
  }

  public List<PodEvent> records() throws IOException, InterruptedException {
    return get("/records?cursor=0&limit=10000").lines().map(PodEventCodec::fromJson).toList();
  }

  public String metrics() throws IOException, InterruptedException {
    return get("/metrics");
  }

  /** Waits until an event of {@code kind} for {@code uid} matching {@code also} is recorded. */
  public PodEvent await(String uid, EventKind kind, Predicate<PodEvent> also, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      var hit =
          records().stream()
              .filter(e -> e.uid().equals(uid) && e.kind() == kind && also.test(e))
              .findFirst();
      if (hit.isPresent()) {
        return hit.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no " + kind + " event for " + uid + " within " + timeout + "; records: " + records());
      }
      Thread.sleep(50);
    }
  }

  /** The value of a sample line {@code name value} (no labels) in /metrics. */
  public double sample(String name) throws IOException, InterruptedException {
    return metrics()
        .lines()
        .filter(l -> l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1).trim()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no sample " + name + " in /metrics"));
  }

  private String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }
}
