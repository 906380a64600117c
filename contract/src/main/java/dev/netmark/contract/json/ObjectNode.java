package dev.netmark.contract.json;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A JSON object; its fields keep the order they were read or put in. */
public final class ObjectNode extends JsonNode {
  private final Map<String, JsonNode> fields = new LinkedHashMap<>();

  public ObjectNode() {}

  @Override
  public JsonNodeType getNodeType() {
    return JsonNodeType.OBJECT;
  }

  @Override
  public ObjectNode deepCopy() {
    ObjectNode copy = new ObjectNode();
    fields.forEach((k, v) -> copy.fields.put(k, v.deepCopy()));
    return copy;
  }

  @Override
  public JsonNode get(String field) {
    return fields.get(field);
  }

  @Override
  public int size() {
    return fields.size();
  }

  @Override
  public Iterator<JsonNode> iterator() {
    return Collections.unmodifiableCollection(fields.values()).iterator();
  }

  @Override
  public Set<Map.Entry<String, JsonNode>> properties() {
    return Collections.unmodifiableMap(fields).entrySet();
  }

  /** Sets the field (null means JSON null) and returns the node it replaced, or null. */
  public JsonNode set(String field, JsonNode value) {
    return fields.put(field, value == null ? ValueNode.NULL : value);
  }

  /** Removes the field and returns its value, or null. */
  public JsonNode remove(String field) {
    return fields.remove(field);
  }

  public ObjectNode put(String field, String value) {
    set(field, ValueNode.of(value));
    return this;
  }

  /** An integral number (an int-sized one is kept as an int, as Jackson's tree does). */
  public ObjectNode put(String field, long value) {
    set(field, ValueNode.of(value));
    return this;
  }

  public ObjectNode put(String field, double value) {
    set(field, ValueNode.of(value));
    return this;
  }

  public ObjectNode put(String field, boolean value) {
    set(field, ValueNode.of(value));
    return this;
  }

  /** A new empty object under the field (replacing what was there). */
  public ObjectNode putObject(String field) {
    ObjectNode o = new ObjectNode();
    fields.put(field, o);
    return o;
  }

  /** A new empty array under the field (replacing what was there). */
  public ArrayNode putArray(String field) {
    ArrayNode a = new ArrayNode();
    fields.put(field, a);
    return a;
  }
}
