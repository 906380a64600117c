package dev.netmark.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An equality node selector written {@code key=value[,key=value...]}, as in {@code kubectl get
 * nodes -l}; on a kubemark cluster with hollow nodes it keeps netmark's pods on the not-so-hollow
 * ones ({@code netmark.dev/node-kind=not-so-hollow}).
 */
public final class NodeSelector {
  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
  private static final Pattern PREFIX =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private NodeSelector() {}

  /**
   * The labels a node must have, in the order written; empty for an empty text.
   *
   * @throws IllegalArgumentException saying which term is malformed and what was expected
   */
  public static Map<String, String> parse(String text) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (text.isBlank()) {
      return labels;
    }
    for (String raw : text.split(",", -1)) {
      String term = raw.strip();
      int eq = term.indexOf('=');
      if (eq < 0 || term.startsWith("!") || term.contains("!=") || term.contains(" in ")) {
        throw new IllegalArgumentException(
            "'" + term + "' is not key=value; expected key=value[,key=value...]");
      }
      String key = term.substring(0, eq).strip();
      String value = term.substring(eq + 1).strip();
      if (value.startsWith("=")) {
        value = value.substring(1).strip(); // key==value, as kubectl also accepts
      }
      checkKey(key, term);
      if (!value.isEmpty() && !NAME.matcher(value).matches()) {
        throw new IllegalArgumentException(
            "label value '"
                + value
                + "' in '"
                + term
                + "' is not a valid label value (at most 63 of A-Z a-z 0-9 - _ . ,"
                + " alphanumeric at both ends)");
      }
      if (labels.put(key, value) != null) {
        throw new IllegalArgumentException("label '" + key + "' appears twice");
      }
    }
    return labels;
  }

  private static void checkKey(String key, String term) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    String prefix = slash < 0 ? null : key.substring(0, slash);
    boolean ok =
        NAME.matcher(name).matches()
            && (prefix == null || (prefix.length() <= 253 && PREFIX.matcher(prefix).matches()));
    if (!ok) {
      throw new IllegalArgumentException(
          "label key '"
              + key
              + "' in '"
              + term
              + "' is not a valid label key ([DNS-subdomain/]name, the name at most 63 of A-Z"
              + " a-z 0-9 - _ .)");
    }
  }

  /** The selector as written canonically, for messages. */
  public static String text(Map<String, String> labels) {
    StringBuilder b = new StringBuilder();
    labels.forEach((k, v) -> b.append(b.isEmpty() ? "" : ",").append(k).append('=').append(v));
    return b.toString();
  }
}
