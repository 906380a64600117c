package dev.netmark.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodEventCodecTest {

  @Test
  void roundTripsAnEventOnOneLine() {
    PodEvent event =
        new PodEvent(
            7,
            EventKind.NETWORK_READY,
            "node-1",
            "ns-1",
            "pod-1",
            "uid-1",
            "10.1.0.5",
            2,
            1_732_790_000_123L,
            Map.of("network_ready", 0.0421, "cni_add", 0.031),
            null,
            Map.of());

    String json = PodEventCodec.toJson(event);

    assertThat(json).doesNotContain("\n").contains("\"kind\":\"NETWORK_READY\"");
    assertThat(PodEventCodec.fromJson(json)).isEqualTo(event);
  }

  @Test
  void ignoresFieldsANewerShimAdds() {
    PodEvent parsed =
        PodEventCodec.fromJson(
            "{\"seq\":1,\"kind\":\"ADD\",\"uid\":\"u\",\"attempt\":1,\"wallMs\":5,\"future\":true}");

    assertThat(parsed.seq()).isEqualTo(1);
    assertThat(parsed.seconds()).isEmpty();
  }

  @Test
  void rejectsALineThatIsNoEvent() {
    assertThatThrownBy(() -> PodEventCodec.fromJson("{\"seq\":1}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a netmark pod event");
    assertThatThrownBy(() -> PodEventCodec.fromJson("garbage"))
        .hasMessageStartingWith("not a netmark pod event");
  }

  @Test
  void roundTripsOneSecondOfAnEdgesRequests() {
    RequestStats second =
        new RequestStats(
            "frontend->backend",
            "http",
            RequestStats.VIA_SERVICE,
            1_732_790_001_000L,
            10,
            List.of(0.8, 1.25, 0.9),
            8,
            Map.of("reset", 2),
            Map.of("10.96.0.20", 2));
    PodEvent event =
        new PodEvent(
            9,
            EventKind.REQUESTS,
            "node-1",
            "ns-1",
            "frontend-0",
            "uid-1",
            "10.1.0.5",
            1,
            1_732_790_002_010L,
            Map.of(),
            null,
            Map.of(),
            second);

    PodEvent parsed = PodEventCodec.fromJson(PodEventCodec.toJson(event));

    assertThat(parsed).isEqualTo(event);
    assertThat(parsed.requests().failed()).isEqualTo(2);
    assertThat(parsed.requests().clientTier()).isEqualTo("frontend");
    assertThat(parsed.requests().serverTier()).isEqualTo("backend");
  }

  @Test
  void anOlderShimsEventHasNoRequests() {
    PodEvent parsed =
        PodEventCodec.fromJson("{\"seq\":1,\"kind\":\"ADD\",\"uid\":\"u\",\"attempt\":1}");

    assertThat(parsed.requests()).isNull();
  }
}
