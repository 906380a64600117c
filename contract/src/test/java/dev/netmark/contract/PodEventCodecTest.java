package dev.netmark.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
