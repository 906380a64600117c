package dev.netmark.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The codec without Jackson's databind reads and writes the lines the databind codec wrote. */
class PodEventCodecCompatibilityTest {
  // Written by the databind codec (one entry per map: a Map.of's order differs between JVMs).
  private static final String DATABIND_LINE =
      "{\"seq\":7,\"kind\":\"NETWORK_READY\",\"node\":\"n\",\"namespace\":null,\"name\":\"p\","
          + "\"uid\":\"u\",\"ip\":null,\"attempt\":2,\"wallMs\":5,\"seconds\":{\"b\":1.0E-7},"
          + "\"error\":null,\"traffic\":{},\"requests\":{\"edge\":\"a->b\",\"protocol\":\"http\","
          + "\"via\":\"pod\",\"secondMs\":1,\"requests\":2,\"latencyMs\":[0.5,1.0],\"answered\":1,"
          + "\"errors\":{\"reset\":1},\"errorTargets\":{}}}";

  @Test
  void writesTheDatabindCodecsLineByteForByte() {
    PodEvent event =
        new PodEvent(
            7,
            EventKind.NETWORK_READY,
            "n",
            null,
            "p",
            "u",
            null,
            2,
            5,
            Map.of("b", 1e-7),
            null,
            Map.of(),
            new RequestStats(
                "a->b", "http", "pod", 1, 2, List.of(0.5, 1.0), 1, Map.of("reset", 1), Map.of()));

    assertThat(PodEventCodec.toJson(event)).isEqualTo(DATABIND_LINE);
    assertThat(PodEventCodec.fromJson(DATABIND_LINE)).isEqualTo(event);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"seq\":null,\"kind\":\"ADD\",\"uid\":\"u\"}|seq: null for a number or boolean",
        "{\"seq\":1,\"kind\":\"ADDED\",\"uid\":\"u\"}|kind: not one of",
        "{\"seq\":\"1\",\"kind\":\"ADD\",\"uid\":\"u\"}|seq: expected an integer, found STRING",
        "{\"kind\":\"ADD\",\"uid\":\"u\",\"seconds\":[]}|seconds: expected an object, found ARRAY",
        "{\"kind\":\"ADD\",\"uid\":\"u\",\"requests\":{\"edge\":\"a->b\",\"protocol\":\"http\","
            + "\"via\":\"pod\",\"errors\":{\"x\":1.5}}}|requests.errors.x: expected an int",
        "[1]|expected an object, found ARRAY",
        "{\"kind\":\"ADD\",\"uid\":\"u\"} {}|Trailing token",
      })
  void rejectsALineWithAWrongValueNamingTheField(String caseText) {
    String[] parts = caseText.split("\\|");
    assertThatThrownBy(() -> PodEventCodec.fromJson(parts[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a netmark pod event: ")
        .hasMessageContaining(parts[1]);
  }
}
