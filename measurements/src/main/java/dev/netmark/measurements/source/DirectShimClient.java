package dev.netmark.measurements.source;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Reaches each shim at {@code http://<node address>:<port>}, for nodes the engine can route to. */
final class DirectShimClient implements ShimClient {
  private final HttpClient http;
  private final Map<String, String> baseUrlByNode;
  private final Duration timeout;

  DirectShimClient(HttpClient http, Map<String, String> baseUrlByNode, Duration timeout) {
    this.http = http;
    this.baseUrlByNode = Map.copyOf(baseUrlByNode);
    this.timeout = timeout;
  }

  @Override
  public ShimResponse get(String node, String pathAndQuery)
      throws IOException, InterruptedException {
    String base = baseUrlByNode.get(node);
    if (base == null) {
      throw new IOException("node " + node + " has no known shim address");
    }
    URI uri = URI.create(base + pathAndQuery);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(uri + " answered HTTP " + response.statusCode());
    }
    return ShimResponse.of(response.body(), response.headers().map());
  }
}
