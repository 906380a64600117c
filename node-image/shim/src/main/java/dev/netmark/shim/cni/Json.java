package dev.netmark.shim.cni;

import dev.netmark.contract.json.JsonNode;
import dev.netmark.contract.json.JsonTree;
import dev.netmark.contract.json.ObjectNode;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/** The one JSON mapper of this package and small helpers around it. */
final class Json {
  private Json() {}

  /**
   * Parses {@code text} as a JSON object.
   *
   * @throws IllegalArgumentException with line and column when it is not one
   */
  static ObjectNode object(String text) {
    JsonNode node;
    try {
      node = JsonTree.parse(text);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
      String what = e.getOriginalMessage();
      int noise = what.indexOf(" (start marker at");
      what = noise < 0 ? what : what.substring(0, noise);
      throw new IllegalArgumentException("invalid JSON" + where + ": " + what, e);
    }
    if (node == null || !node.isObject()) {
      String found =
          node == null || node.isMissingNode() ? "nothing" : node.getNodeType().toString();
      throw new IllegalArgumentException("expected a JSON object, found " + found);
    }
    return (ObjectNode) node;
  }

  /** The string member {@code field}, or null when absent. */
  static String string(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isString()) {
      throw new IllegalArgumentException(
          where + field + ": expected a string, found " + v.getNodeType() + " " + v);
    }
    return v.stringValue();
  }

  static String write(JsonNode node) {
    return JsonTree.write(node);
  }

  /** Shortens {@code text} for messages. */
  static String abbreviate(String text, int max) {
    String oneLine = text.strip();
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "...";
  }
}
