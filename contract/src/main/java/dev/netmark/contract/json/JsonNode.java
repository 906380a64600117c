package dev.netmark.contract.json;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON value read or built by the shim: the small part of Jackson's tree model the shim uses, on
 * jackson-core's streaming parser and generator only (Jackson's databind costs an idle shim about
 * 12 MiB of class data). {@link #toString()} is the value's compact JSON, as Jackson writes it.
 */
public abstract sealed class JsonNode implements Iterable<JsonNode>
    permits ObjectNode, ArrayNode, ValueNode {

  JsonNode() {}

  public abstract JsonNodeType getNodeType();

  /** A deep copy; scalars are immutable and returned as they are. */
  public abstract JsonNode deepCopy();

  public final boolean isObject() {
    return getNodeType() == JsonNodeType.OBJECT;
  }

  public final boolean isArray() {
    return getNodeType() == JsonNodeType.ARRAY;
  }

  public final boolean isString() {
    return getNodeType() == JsonNodeType.STRING;
  }

  public final boolean isNumber() {
    return getNodeType() == JsonNodeType.NUMBER;
  }

  public final boolean isBoolean() {
    return getNodeType() == JsonNodeType.BOOLEAN;
  }

  public final boolean isNull() {
    return getNodeType() == JsonNodeType.NULL;
  }

  public final boolean isMissingNode() {
    return getNodeType() == JsonNodeType.MISSING;
  }

  /** The field's value, or null when this is no object or has no such field. */
  public JsonNode get(String field) {
    return null;
  }

  /** The element, or null when this is no array or the index is out of range. */
  public JsonNode get(int index) {
    return null;
  }

  /** Like {@link #get(String)}, but the missing node instead of null. */
  public final JsonNode path(String field) {
    JsonNode v = get(field);
    return v == null ? ValueNode.MISSING : v;
  }

  /** Like {@link #get(int)}, but the missing node instead of null. */
  public final JsonNode path(int index) {
    JsonNode v = get(index);
    return v == null ? ValueNode.MISSING : v;
  }

  public final boolean has(String field) {
    return get(field) != null;
  }

  public final boolean hasNonNull(String field) {
    JsonNode v = get(field);
    return v != null && !v.isNull();
  }

  /** Fields of an object or elements of an array; 0 for anything else. */
  public int size() {
    return 0;
  }

  public final boolean isEmpty() {
    return size() == 0;
  }

  /** The elements of an array, the field values of an object, else nothing. */
  @Override
  public Iterator<JsonNode> iterator() {
    return List.<JsonNode>of().iterator();
  }

  /** The fields of an object in their order, else none. */
  public Set<Map.Entry<String, JsonNode>> properties() {
    return Set.of();
  }

  /** A string's value; null for anything else. */
  public String stringValue() {
    return null;
  }

  /** A scalar as text: a string's value, a number or boolean as written; "" for the others. */
  public String asString() {
    return "";
  }

  /** A string's value, a number or boolean as written; {@code fallback} for the others. */
  public String asString(String fallback) {
    return fallback;
  }

  public boolean booleanValue() {
    return false;
  }

  /** A number's value; 0 for anything else. */
  public int intValue() {
    return 0;
  }

  /** A number's int value, a string holding an int parsed, else 0 (as Jackson's asInt). */
  public int asInt() {
    if (isNumber()) {
      return intValue();
    }
    try {
      return isString() ? Integer.parseInt(stringValue().strip()) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  public long longValue() {
    return 0;
  }

  public double doubleValue() {
    return 0;
  }

  /** A number's value, 0 for anything else (Jackson's asDouble parses strings; no caller does). */
  public double asDouble() {
    return doubleValue();
  }

  /** An integral number that fits an int ({@link #isInt()} for long ones is false). */
  public boolean isInt() {
    return false;
  }

  /**
   * A number an int holds without loss: an integral value in range, or a float without fraction.
   */
  public boolean canConvertToInt() {
    return false;
  }

  @Override
  public final String toString() {
    return JsonTree.write(this);
  }
}
