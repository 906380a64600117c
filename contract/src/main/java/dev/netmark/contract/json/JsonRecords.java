package dev.netmark.contract.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reading records from trees the way Jackson's databind binds them: unknown fields are ignored, a
 * missing field is null (0 or false for a primitive), JSON null for a primitive and a value of the
 * wrong type are errors naming the field.
 */
public final class JsonRecords {
  private JsonRecords() {}

  /**
   * The fields of an object.
   *
   * @param where prefix of the field names in messages, e.g. {@code "policy."}
   * @throws IllegalArgumentException when the node is no object
   */
  public static Fields fields(JsonNode node, String where) {
    if (!(node instanceof ObjectNode o)) {
      throw new IllegalArgumentException(
          (where.isEmpty() ? "" : where.substring(0, where.length() - 1) + ": ")
              + "expected an object, found "
              + node.getNodeType());
    }
    return new Fields(o, where);
  }

  /** The fields of one object, read by name. */
  public static final class Fields {
    private final ObjectNode node;
    private final String where;

    private Fields(ObjectNode node, String where) {
      this.node = node;
      this.where = where;
    }

    /** The field's value; null when it is missing or JSON null. */
    public JsonNode node(String name) {
      JsonNode v = node.get(name);
      return v == null || v.isNull() ? null : v;
    }

    public String string(String name) {
      JsonNode v = node(name);
      return v == null ? null : stringOf(v, where + name);
    }

    public long longValue(String name) {
      JsonNode v = primitive(name);
      if (v == null) {
        return 0;
      }
      if (!(v instanceof ValueNode n && n.isIntegralNumber())) {
        throw wrong(where + name, "an integer", v);
      }
      return v.longValue();
    }

    public int intValue(String name) {
      JsonNode v = primitive(name);
      return v == null ? 0 : intOf(v, where + name);
    }

    public boolean booleanValue(String name) {
      JsonNode v = primitive(name);
      if (v == null) {
        return false;
      }
      if (!v.isBoolean()) {
        throw wrong(where + name, "true or false", v);
      }
      return v.booleanValue();
    }

    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
      String s = string(name);
      if (s == null) {
        return null;
      }
      try {
        return Enum.valueOf(type, s);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            where + name + ": not one of " + List.of(type.getEnumConstants()) + ": \"" + s + "\"");
      }
    }

    public Map<String, Double> doubles(String name) {
      return map(name, JsonRecords::doubleOf);
    }

    /** An object's fields as a map, each value read by {@code value}; null when missing. */
    public <T> Map<String, T> map(String name, Reader<T> value) {
      JsonNode v = node(name);
      return v == null ? null : mapOf(value).read(v, where + name);
    }

    /** An array's elements, each read by {@code element}; null when missing. */
    public <T> List<T> list(String name, Reader<T> element) {
      JsonNode v = node(name);
      return v == null ? null : listOf(element).read(v, where + name);
    }

    /** A nested record read by {@code record} from the field's fields; null when missing. */
    public <T> T object(String name, Function<Fields, T> record) {
      JsonNode v = node(name);
      return v == null ? null : record.apply(fields(v, where + name + "."));
    }

    private JsonNode primitive(String name) {
      JsonNode v = node.get(name);
      if (v != null && v.isNull()) {
        throw new IllegalArgumentException(where + name + ": null for a number or boolean");
      }
      return v;
    }
  }

  /** Reads one value; {@code where} names it in messages. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(JsonNode value, String where);
  }

  /** Reads an object's fields into a map, each value read by {@code value}; JSON null as null. */
  public static <T> Reader<Map<String, T>> mapOf(Reader<T> value) {
    return (v, where) -> {
      if (v.isNull()) {
        return null;
      }
      if (!v.isObject()) {
        throw wrong(where, "an object", v);
      }
      Map<String, T> out = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        out.put(e.getKey(), value.read(e.getValue(), where + "." + e.getKey()));
      }
      return out;
    };
  }

  /** Reads an array's elements, each read by {@code element}; JSON null as null. */
  public static <T> Reader<List<T>> listOf(Reader<T> element) {
    return (v, where) -> {
      if (v.isNull()) {
        return null;
      }
      if (!v.isArray()) {
        throw wrong(where, "an array", v);
      }
      List<T> out = new ArrayList<>();
      for (int i = 0; i < v.size(); i++) {
        out.add(element.read(v.get(i), where + "[" + i + "]"));
      }
      return out;
    };
  }

  public static String stringOf(JsonNode v, String where) {
    if (v.isNull()) {
      return null;
    }
    if (!v.isString()) {
      throw wrong(where, "a string", v);
    }
    return v.stringValue();
  }

  public static int intOf(JsonNode v, String where) {
    if (!(v instanceof ValueNode n && n.isIntegralNumber() && n.canConvertToInt())) {
      throw wrong(where, "an int", v);
    }
    return v.intValue();
  }

  public static Double doubleOf(JsonNode v, String where) {
    if (v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw wrong(where, "a number", v);
    }
    return v.doubleValue();
  }

  public static IllegalArgumentException wrong(String where, String expected, JsonNode found) {
    return new IllegalArgumentException(
        where + ": expected " + expected + ", found " + found.getNodeType() + " " + found);
  }
}
