package dev.netmark.measurements.source;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Reaches each shim through the API server's node proxy ({@code
 * /api/v1/nodes/<node>:<port>/proxy/...}), for clusters whose nodes the engine cannot route to,
 * such as kubemark masters. The API server passes the shim's headers on.
 *
 * <p>Its HTTP client does not retry: fabric8 retries every answer of 500 or above with exponential
 * back-off (10 times by default), and the node proxy answers 503 for a node whose shim refuses or
 * cannot be reached. Those retries held the scraper's slots for seconds per such node (a 5,000-node
 * start took 79 s instead of 10 s); a node that does not answer is the source's coverage to report,
 * once per request, within the source's timeout.
 */
final class ProxyShimClient implements ShimClient {
  private final KubernetesClient kube;
  private final HttpClient http;
  private final int port;
  private final Duration timeout;

  ProxyShimClient(KubernetesClient kube, int port, Duration timeout) {
    this.kube = kube;
    this.http =
        kube.getHttpClient()
            .newBuilder()
            .tag(
                new RequestConfigBuilder(kube.getConfiguration().getRequestConfig())
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
    this.port = port;
    this.timeout = timeout;
  }

  @Override
  public ShimResponse get(String node, String pathAndQuery)
      throws IOException, InterruptedException {
    String path = "/api/v1/nodes/" + node + ":" + port + "/proxy" + pathAndQuery;
    String url = kube.getMasterUrl().toString().replaceAll("/$", "") + path;
    HttpResponse<String> response;
    try {
      response =
          http.sendAsync(
                  http.newHttpRequestBuilder()
                      .uri(url)
                      .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                      .build(),
                  String.class)
              .get();
    } catch (ExecutionException e) {
      throw new IOException("node proxy " + path + ": " + e.getCause().getMessage(), e.getCause());
    }
    if (response.code() == 404) {
      throw new IOException("node proxy " + path + " answered HTTP 404 (node or port unknown)");
    }
    if (response.code() != 200) {
      throw new IOException("node proxy " + path + " answered HTTP " + response.code());
    }
    return ShimResponse.of(response.body(), response.headers());
  }
}
