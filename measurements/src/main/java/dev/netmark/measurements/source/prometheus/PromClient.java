package dev.netmark.measurements.source.prometheus;

import dev.netmark.api.NetmarkException;
import dev.netmark.measurements.source.Sample;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * Instant queries over Prometheus's HTTP API ({@code GET <url>/api/v1/query}); every failure is a
 * {@link NetmarkException} naming the server and the query.
 */
final class PromClient {
  private final HttpClient http;
  private final PrometheusOptions options;

  PromClient(HttpClient http, PrometheusOptions options) {
    this.http = http;
    this.options = options;
  }

  List<Sample> vector(String promql) throws InterruptedException {
    HttpResponse<String> r = send(promql);
    try {
      return PromResponse.vector(r.statusCode(), r.body());
    } catch (IllegalArgumentException e) {
      throw failure(promql, e.getMessage(), e);
    }
  }

  double scalar(String promql) throws InterruptedException {
    HttpResponse<String> r = send(promql);
    try {
      return PromResponse.scalar(r.statusCode(), r.body());
    } catch (IllegalArgumentException e) {
      throw failure(promql, e.getMessage(), e);
    }
  }

  String url() {
    return options.url().toString();
  }

  private HttpResponse<String> send(String promql) throws InterruptedException {
    URI uri =
        URI.create(
            url() + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(options.timeout()).GET();
    if (options.tokenFile() != null) {
      request.header("Authorization", "Bearer " + token(promql));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw failure(promql, "cannot reach the server: " + describe(e), e);
    }
  }

  private String token(String promql) {
    try {
      return Files.readString(options.tokenFile()).strip();
    } catch (IOException e) {
      throw failure(
          promql, "cannot read token-file " + options.tokenFile() + ": " + describe(e), e);
    }
  }

  private NetmarkException failure(String promql, String what, Exception cause) {
    return new NetmarkException(
        "metric source prometheus at " + url() + ", query '" + promql + "': " + what, cause);
  }

  private static String describe(Exception e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
  }
}
