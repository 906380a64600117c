package dev.netmark.contract.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

class JsonTreeTest {

  @Test
  void writesWhatItReadsInTheSameOrderAndForms() {
    String json =
        "{\"b\":1,\"a\":[true,false,null,\"x\\u0001\\\"\"],\"c\":12345678901,"
            + "\"d\":1.0E-7,\"e\":2.5,\"f\":123456789012345678901234567890,\"g\":{}}";

    JsonNode tree = JsonTree.parse(json);

    assertThat(JsonTree.write(tree)).isEqualTo(json);
    assertThat(tree.toString()).isEqualTo(json);
    assertThat(tree.get("b").isInt()).isTrue();
    assertThat(tree.get("c").isInt()).isFalse();
    assertThat(tree.get("c").longValue()).isEqualTo(12_345_678_901L);
    assertThat(tree.path("a").path(3).stringValue()).isEqualTo("x\u0001\"");
    assertThat(tree.path("zz").isMissingNode()).isTrue();
    assertThat(tree.path("a").size()).isEqualTo(4);
  }

  @Test
  void keepsTheLastOfDuplicateFieldsAndReturnsMissingForNothing() {
    assertThat(JsonTree.parse("{\"a\":1,\"a\":2}").toString()).isEqualTo("{\"a\":2}");
    assertThat(JsonTree.parse("  ").getNodeType()).isEqualTo(JsonNodeType.MISSING);
    assertThat(JsonTree.parse("null").getNodeType()).isEqualTo(JsonNodeType.NULL);
  }

  @Test
  void rejectsInvalidJsonAndTrailingValuesWithTheParsersLocation() {
    assertThatThrownBy(() -> JsonTree.parse("{} {}"))
        .isInstanceOf(JacksonException.class)
        .hasMessageStartingWith("Trailing token (`JsonToken.START_OBJECT`) found after value");
    assertThatThrownBy(() -> JsonTree.parse("{\"a\":}"))
        .isInstanceOfSatisfying(
            JacksonException.class,
            e -> {
              assertThat(e.getOriginalMessage()).startsWith("Unexpected character ('}'");
              assertThat(e.getLocation().getColumnNr()).isEqualTo(6);
            });
  }

  @Test
  void convertsPlainJavaValuesBothWays() {
    Map<String, Object> value =
        Map.of("list", List.of(1, 12_345_678_901L, 2.5, "s", true), "nested", Map.of("n", 7));

    JsonNode tree = JsonTree.fromJava(value);
    Object back = JsonTree.toJava(JsonTree.parse(JsonTree.write(tree)));

    assertThat(back).isEqualTo(value);
    assertThat(JsonTree.toJava(JsonTree.parse("123456789012345678901234567890")))
        .isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(JsonTree.fromJava(null).isNull()).isTrue();
    assertThatThrownBy(() -> JsonTree.fromJava(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a JSON value: ");
  }

  @Test
  void treesAreBuiltAndCopiedDeeply() {
    ObjectNode o = new ObjectNode().put("s", "x").put("i", 3).put("l", 1L << 40).put("b", true);
    o.putArray("a").add("y").addObject().put("d", 0.5);
    ObjectNode copy = o.deepCopy();
    ((ObjectNode) copy.path("a").get(1)).put("d", 1.5);

    assertThat(o.toString())
        .isEqualTo(
            "{\"s\":\"x\",\"i\":3,\"l\":1099511627776,\"b\":true,\"a\":[\"y\",{\"d\":0.5}]}");
    assertThat(copy.path("a").path(1).path("d").doubleValue()).isEqualTo(1.5);
    assertThat(o.remove("s").asString()).isEqualTo("x");
    assertThat(o.has("s")).isFalse();
  }

  @Test
  void convertsNumbersToIntOnlyWithoutLoss() {
    assertThat(JsonTree.parse("2.0").canConvertToInt()).isTrue();
    assertThat(JsonTree.parse("1.5").canConvertToInt()).isFalse();
    assertThat(JsonTree.parse("12345678901").canConvertToInt()).isFalse();
    assertThat(JsonTree.parse("\"7\"").asInt()).isEqualTo(7);
    assertThat(JsonTree.parse("\"x\"").asInt()).isZero();
    assertThat(JsonTree.parse("null").asString()).isEmpty();
    assertThat(JsonTree.parse("5").asString()).isEqualTo("5");
  }
}
