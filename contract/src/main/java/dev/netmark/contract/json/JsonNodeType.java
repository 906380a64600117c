package dev.netmark.contract.json;

/** What a {@link JsonNode} is; the names are those of Jackson's tree, which messages show. */
public enum JsonNodeType {
  ARRAY,
  BOOLEAN,
  MISSING,
  NULL,
  NUMBER,
  OBJECT,
  STRING
}
