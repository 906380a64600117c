package dev.netmark.contract.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/** A JSON array. */
public final class ArrayNode extends JsonNode {
  private final List<JsonNode> elements = new ArrayList<>();

  public ArrayNode() {}

  @Override
  public JsonNodeType getNodeType() {
    return JsonNodeType.ARRAY;
  }

  @Override
  public ArrayNode deepCopy() {
    ArrayNode copy = new ArrayNode();
    elements.forEach(e -> copy.elements.add(e.deepCopy()));
    return copy;
  }

  @Override
  public JsonNode get(int index) {
    return index >= 0 && index < elements.size() ? elements.get(index) : null;
  }

  @Override
  public int size() {
    return elements.size();
  }

  @Override
  public Iterator<JsonNode> iterator() {
    return Collections.unmodifiableList(elements).iterator();
  }

  /** Appends the node (null means JSON null). */
  public ArrayNode add(JsonNode value) {
    elements.add(value == null ? ValueNode.NULL : value);
    return this;
  }

  public ArrayNode add(String value) {
    return add(ValueNode.of(value));
  }

  public ArrayNode add(long value) {
    return add(ValueNode.of(value));
  }

  /** Appends the elements of another array (the same nodes, not copies). */
  public ArrayNode addAll(ArrayNode other) {
    elements.addAll(other.elements);
    return this;
  }

  /** Appends a new empty object and returns it. */
  public ObjectNode addObject() {
    ObjectNode o = new ObjectNode();
    elements.add(o);
    return o;
  }

  /** Appends a new empty array and returns it. */
  public ArrayNode addArray() {
    ArrayNode a = new ArrayNode();
    elements.add(a);
    return a;
  }
}
