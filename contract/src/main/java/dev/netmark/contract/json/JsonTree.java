package dev.netmark.contract.json;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads and writes {@link JsonNode} trees and plain Java values ({@code Map}, {@code List}, {@code
 * String}, numbers, booleans, null) with jackson-core's streaming parser and generator: the same
 * parser messages, string escapes and number forms as Jackson's databind, without its classes.
 */
public final class JsonTree {
  /** The factory every reader and writer of netmark's JSON without databind uses. */
  public static final JsonFactory FACTORY = new JsonFactory();

  private JsonTree() {}

  /**
   * The tree of one JSON document: the missing node for empty input; duplicate fields keep the last
   * value.
   *
   * @throws JacksonException for invalid JSON or anything after the value
   */
  public static JsonNode parse(String text) {
    try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), text)) {
      return parse(p);
    }
  }

  /** {@link #parse(String)} of UTF-8 (or detected UTF-16/32) bytes. */
  public static JsonNode parse(byte[] bytes) {
    try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), bytes)) {
      return parse(p);
    }
  }

  private static JsonNode parse(JsonParser p) {
    JsonToken first = p.nextToken();
    if (first == null) {
      return ValueNode.MISSING;
    }
    JsonNode root = read(p);
    JsonToken trailing = p.nextToken();
    if (trailing != null) {
      throw new StreamReadException(
          p, "Trailing token (`JsonToken." + trailing + "`) found after value: not allowed");
    }
    return root;
  }

  /** The value at the parser's current token, which the parser is left on the end of. */
  public static JsonNode read(JsonParser p) {
    return switch (p.currentToken()) {
      case START_OBJECT -> {
        ObjectNode o = new ObjectNode();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          String name = p.currentName();
          p.nextToken();
          o.set(name, read(p));
        }
        yield o;
      }
      case START_ARRAY -> {
        ArrayNode a = new ArrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          a.add(read(p));
        }
        yield a;
      }
      case VALUE_STRING -> ValueNode.of(p.getString());
      case VALUE_NUMBER_INT -> ValueNode.number(p.getNumberValue());
      case VALUE_NUMBER_FLOAT -> ValueNode.of(p.getDoubleValue());
      case VALUE_TRUE -> ValueNode.of(true);
      case VALUE_FALSE -> ValueNode.of(false);
      case VALUE_NULL -> ValueNode.NULL;
      default -> throw new StreamReadException(p, "Unexpected token " + p.currentToken());
    };
  }

  /** Compact JSON, as Jackson's databind writes the same tree. */
  public static String write(JsonNode node) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      write(g, node);
    }
    return out.toString();
  }

  /** Writes the tree to a generator; the missing node is written as null. */
  public static void write(JsonGenerator g, JsonNode node) {
    switch (node) {
      case ObjectNode o -> {
        g.writeStartObject();
        for (Map.Entry<String, JsonNode> f : o.properties()) {
          g.writeName(f.getKey());
          write(g, f.getValue());
        }
        g.writeEndObject();
      }
      case ArrayNode a -> {
        g.writeStartArray();
        for (JsonNode e : a) {
          write(g, e);
        }
        g.writeEndArray();
      }
      case ValueNode v -> writeScalar(g, v.value());
    }
  }

  private static void writeScalar(JsonGenerator g, Object v) {
    switch (v) {
      case null -> g.writeNull();
      case String s -> g.writeString(s);
      case Boolean b -> g.writeBoolean(b);
      case Integer i -> g.writeNumber(i);
      case Long l -> g.writeNumber(l);
      case BigInteger b -> g.writeNumber(b);
      case Double d -> g.writeNumber(d);
      case BigDecimal b -> g.writeNumber(b);
      default -> throw new IllegalArgumentException("not a JSON scalar: " + v.getClass());
    }
  }

  /**
   * The tree of a plain Java value: {@code Map} (keys as strings), {@code List}, {@code String},
   * {@code Number}, {@code Boolean}, a {@link JsonNode} (copied), or null.
   */
  public static JsonNode fromJava(Object value) {
    return switch (value) {
      case null -> ValueNode.NULL;
      case JsonNode n -> n.deepCopy();
      case String s -> ValueNode.of(s);
      case Boolean b -> ValueNode.of(b);
      case Float f -> ValueNode.of(f.doubleValue());
      case Short s -> ValueNode.of(s.longValue());
      case Byte b -> ValueNode.of(b.longValue());
      case Number n -> ValueNode.number(n);
      case Map<?, ?> m -> {
        ObjectNode o = new ObjectNode();
        m.forEach((k, v) -> o.set(String.valueOf(k), fromJava(v)));
        yield o;
      }
      case List<?> l -> {
        ArrayNode a = new ArrayNode();
        l.forEach(e -> a.add(fromJava(e)));
        yield a;
      }
      default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    };
  }

  /**
   * The plain Java value of a tree, as Jackson's databind reads JSON into {@code Object}: {@code
   * LinkedHashMap}, {@code ArrayList}, {@code String}, {@code Integer}/{@code Long}/{@code
   * BigInteger}, {@code Double}, {@code Boolean}, null (also for the missing node).
   */
  public static Object toJava(JsonNode node) {
    return switch (node) {
      case ObjectNode o -> {
        Map<String, Object> m = new LinkedHashMap<>();
        o.properties().forEach(f -> m.put(f.getKey(), toJava(f.getValue())));
        yield m;
      }
      case ArrayNode a -> {
        List<Object> l = new ArrayList<>();
        a.forEach(e -> l.add(toJava(e)));
        yield l;
      }
      case ValueNode v -> v.value();
    };
  }
}
