package dev.netmark.measurements.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The node proxy path against a real HTTP server standing in for the API server. */
class ProxyShimClientTest {
  private final AtomicInteger requests = new AtomicInteger();
  private HttpServer server;
  private KubernetesClient kube;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext(
        "/api/v1/nodes/refusing:10260/proxy/",
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(503, -1);
          exchange.close();
        });
    server.createContext(
        "/api/v1/nodes/n1:10260/proxy/",
        exchange -> {
          requests.incrementAndGet();
          byte[] body = "line\n".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("X-Netmark-Next-Cursor", "7");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    kube =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl("http://127.0.0.1:" + server.getAddress().getPort())
                    .withRequestRetryBackoffInterval(1)
                    .build())
            .build();
  }

  @AfterEach
  void stop() {
    kube.close();
    server.stop(0);
  }

  @Test
  void aNodeTheProxyCannotReachCostsOneRequestNotTenRetries() {
    ProxyShimClient client = new ProxyShimClient(kube, 10260, Duration.ofSeconds(5));

    assertThatThrownBy(() -> client.get("refusing", "/records?from=end"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("HTTP 503");
    assertThat(requests).hasValue(1);
  }

  @Test
  void passesTheShimsBodyAndHeadersOn() throws Exception {
    ProxyShimClient client = new ProxyShimClient(kube, 10260, Duration.ofSeconds(5));

    ShimResponse response = client.get("n1", "/records?cursor=0");

    assertThat(response.body()).isEqualTo("line\n");
    assertThat(response.header("X-Netmark-Next-Cursor")).contains("7");
    assertThat(requests).hasValue(1);
  }
}
