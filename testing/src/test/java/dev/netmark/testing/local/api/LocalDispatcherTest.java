package dev.netmark.testing.local.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The node proxy of local mode's API server, forwarding to a loopback "shim". */
class LocalDispatcherTest {
  private ApiServer api;
  private KubernetesClient kube;
  private HttpServer shim;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    api = ApiServer.start("127.0.0.1");
    kube = api.newClient();
    shim = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    shim.createContext(
        "/records",
        ex -> {
          byte[] body =
              ("seen " + ex.getRequestURI().getRawQuery()).getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/x-ndjson");
          ex.getResponseHeaders().add("X-Netmark-Next-Cursor", "9");
          ex.getResponseHeaders().add("X-Other", "dropped");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    shim.start();
    node("n1", "127.0.0.1");
    kube.resource(new NodeBuilder().withNewMetadata().withName("bare").endMetadata().build())
        .create();
  }

  @AfterEach
  void stop() {
    shim.stop(0);
    kube.close();
    api.close();
  }

  private void node(String name, String ip) {
    kube.resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewStatus()
                .addNewAddress()
                .withType("InternalIP")
                .withAddress(ip)
                .endAddress()
                .endStatus()
                .build())
        .create();
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    String base = kube.getMasterUrl().toString().replaceAll("/$", "");
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path));
    r.method(method, HttpRequest.BodyPublishers.noBody());
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void forwardsGetWithPathAndQueryToTheNodesInternalIp() throws Exception {
    int port = shim.getAddress().getPort();
    HttpResponse<String> r = send("GET", "/api/v1/nodes/n1:" + port + "/proxy/records?cursor=7");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("seen cursor=7");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
    // The shim's own headers pass, as kube-apiserver's proxy passes them: readers follow them.
    assertThat(r.headers().firstValue("X-Netmark-Next-Cursor")).hasValue("9");
    assertThat(r.headers().firstValue("X-Other")).isEmpty();
    // And through fabric8, as the proxy metric source reads it.
    String viaClient =
        kube.raw(kube.getMasterUrl() + "api/v1/nodes/n1:" + port + "/proxy/records?cursor=8");
    assertThat(viaClient).isEqualTo("seen cursor=8");
  }

  @Test
  void theBackendsStatusIsPassedOn() throws Exception {
    int port = shim.getAddress().getPort();
    assertThat(send("GET", "/api/v1/nodes/n1:" + port + "/proxy/nothing").statusCode())
        .isEqualTo(404);
  }

  @Test
  void badRequestsGetAStatusSayingWhy() throws Exception {
    int port = shim.getAddress().getPort();
    HttpResponse<String> unknown = send("GET", "/api/v1/nodes/nope:" + port + "/proxy/records");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body())
        .contains("\"kind\":\"Status\"")
        .contains("nodes \\\"nope\\\" not found");

    HttpResponse<String> noPort = send("GET", "/api/v1/nodes/n1/proxy/records");
    assertThat(noPort.statusCode()).isEqualTo(503);
    assertThat(noPort.body()).contains("needs a port: nodes/n1:PORT");

    HttpResponse<String> post = send("POST", "/api/v1/nodes/n1:" + port + "/proxy/records");
    assertThat(post.statusCode()).isEqualTo(405);

    HttpResponse<String> noIp = send("GET", "/api/v1/nodes/bare:" + port + "/proxy/records");
    assertThat(noIp.statusCode()).isEqualTo(503);
    assertThat(noIp.body()).contains("node bare has no InternalIP");

    HttpResponse<String> down = send("GET", "/api/v1/nodes/n1:1/proxy/records");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.body()).contains("error trying to reach http://127.0.0.1:1/records");
  }

  @Test
  void otherRequestsStillReachTheStore() {
    assertThat(kube.nodes().withName("n1").get().getStatus().getAddresses()).hasSize(1);
  }
}
