package dev.netmark.bench.apptraffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.RequestStats;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficStatsTest {
  private static final long T = 1_764_900_000_000L;

  private static PodEvent ready(String node, String pod) {
    return new PodEvent(
        0,
        EventKind.NETWORK_READY,
        node,
        "ns",
        pod,
        pod,
        "10.0.0.1",
        1,
        T,
        Map.of(),
        null,
        Map.of());
  }

  private static PodEvent requests(
      String node, String pod, String edge, String protocol, long second, int n, double... ms) {
    List<Double> lat = java.util.Arrays.stream(ms).boxed().toList();
    RequestStats r =
        new RequestStats(
            edge,
            protocol,
            "service",
            T + second * 1000,
            n,
            lat,
            lat.size(),
            n == lat.size() ? Map.of() : Map.of("timeout", n - lat.size()),
            Map.of());
    return new PodEvent(
        0, EventKind.REQUESTS, node, "ns", pod, pod, "10.0.0.2", 1, T, Map.of(), null, Map.of(), r);
  }

  @Test
  void sameNodeIsTheHttpEdgeWhoseServerPodsAllRanOnTheClientsNode() {
    List<PodEvent> events =
        List.of(
            ready("n1", "cart-0"),
            ready("n2", "catalog-0"),
            ready("n3", "catalog-1"),
            ready("n2", "redis-cache-12"),
            // front-0 on n1 calls cart (all on n1): same-node.
            requests("n1", "front-0", "front->cart", "http", 0, 3, 1.0, 2.0, 3.0),
            // front-1 on n2 calls cart on n1: not.
            requests("n2", "front-1", "front->cart", "http", 0, 2, 9.0, 9.0),
            // catalog spans n2 and n3: never same-node.
            requests("n2", "front-1", "front->catalog", "http", 1, 1, 7.0),
            // tcp to a same-node tier: not an HTTP edge.
            requests("n2", "cart-0", "cart->redis-cache", "tcp", 2, 5, 0.5, 0.5, 0.5, 0.5));
    TrafficStats s = TrafficStats.of(events);
    assertThat(s.sameNodeEdge()).isEqualTo("ns front->cart");
    assertThat(s.sameNodeServerTier()).isEqualTo("cart");
    assertThat(s.sameNodeLatencyMs()).containsExactly(1.0, 2.0, 3.0);
    assertThat(s.requests()).isEqualTo(11);
    assertThat(s.answered()).isEqualTo(10);
    assertThat(s.seconds()).isEqualTo(3);
    assertThat(s.carriedPerSecond()).isEqualTo(10 / 3.0);
  }

  @Test
  void noSameNodeEdgeIsNull() {
    TrafficStats s =
        TrafficStats.of(
            List.of(
                ready("n2", "cart-0"),
                requests("n1", "front-0", "front->cart", "http", 0, 1, 1.0)));
    assertThat(s.sameNodeEdge()).isNull();
    assertThat(s.sameNodeLatencyMs()).isEmpty();
  }

  @Test
  void tierOfAPodDropsOnlyTheIndex() {
    assertThat(TrafficStats.tier("product-catalog-17")).isEqualTo("product-catalog");
    assertThat(TrafficStats.tier("cache-v2-0")).isEqualTo("cache-v2");
  }

  @Test
  void rawServerAnswersTheAskedBodySize() {
    assertThat(RawHttp.bodyBytes("GET /512 HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo(512);
    assertThat(RawHttp.bodyBytes("GET / HTTP/1.1\r\n\r\n")).isZero();
    assertThat(RawHttp.bodyBytes("GET /../etc HTTP/1.1\r\n\r\n")).isZero();
    byte[] a = RawHttp.answer(3);
    assertThat(new String(a, StandardCharsets.US_ASCII))
        .isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nxxx");
  }

  @Test
  void modelSizesAreTheHttpTiersResponseBytes() {
    String rendered =
        """
        name: shop
        steps:
        - name: Deploy
          deployApplication:
            app: shop
            tiers:
            - {name: front, replicas: 3, rate: 5}
            - {name: cart, replicas: 1, serve: {protocol: http, port: 8080, responseBytes: 512}}
            - {name: catalog, replicas: 2, serve: {protocol: http, port: 8080}}
            - {name: db, replicas: 1, serve: {protocol: tcp-echo, port: 5432}}
        - name: Wait
          sleep: 1s
        """;
    assertThat(ModelSizes.httpTiers(rendered))
        .containsExactly(Map.entry("cart", 512), Map.entry("catalog", 0));
  }
}
