package dev.netmark.measurements.source;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code node-selector} option every metric source takes: {@code key=value[,key=value]}. */
public final class NodeSelectors {
  private NodeSelectors() {}

  /**
   * The labels of {@code text}; empty for blank text (every node).
   *
   * @param where what an error message starts with, e.g. {@code "option 'node-selector': "}
   * @throws IllegalArgumentException naming the term that is not {@code key=value}
   */
  public static Map<String, String> parse(String where, String text) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (text.isBlank()) {
      return Map.of();
    }
    for (String term : text.split(",", -1)) {
      int eq = term.indexOf('=');
      if (eq < 1 || term.contains("!")) {
        throw new IllegalArgumentException(
            where
                + "'"
                + term.strip()
                + "' is not key=value; expected key=value[,key=value], e.g."
                + " netmark.dev/node-kind=not-so-hollow");
      }
      labels.put(term.substring(0, eq).strip(), term.substring(eq + 1).strip());
    }
    return Map.copyOf(labels);
  }
}
