package dev.netmark.measurements.source;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;

/**
 * Reaches each shim through the API server's node proxy ({@code
 * /api/v1/nodes/<node>:<port>/proxy/...}), for clusters whose nodes the engine cannot route to,
 * such as kubemark masters.
 */
final class ProxyShimClient implements ShimClient {
  private final KubernetesClient kube;
  private final int port;

  ProxyShimClient(KubernetesClient kube, int port) {
    this.kube = kube;
    this.port = port;
  }

  @Override
  public String get(String node, String pathAndQuery) throws IOException {
    String path = "/api/v1/nodes/" + node + ":" + port + "/proxy" + pathAndQuery;
    try {
      String body = kube.raw(kube.getMasterUrl().toString().replaceAll("/$", "") + path);
      if (body == null) {
        throw new IOException("node proxy " + path + " returned no body (node or port unknown)");
      }
      return body;
    } catch (KubernetesClientException e) {
      throw new IOException("node proxy " + path + ": " + e.getMessage(), e);
    }
  }
}
