package dev.netmark.engine.config;

import java.util.regex.Pattern;

/**
 * Types a parameter written on the command line or in the environment the way YAML would type it in
 * a file: {@code 3} is a number, {@code true} a boolean, anything else a string.
 */
final class ScalarText {
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?");

  private ScalarText() {}

  static Object parse(String text) {
    String t = text.strip();
    if (t.equals("true") || t.equals("True") || t.equals("TRUE")) {
      return Boolean.TRUE;
    }
    if (t.equals("false") || t.equals("False") || t.equals("FALSE")) {
      return Boolean.FALSE;
    }
    if (INTEGER.matcher(t).matches()) {
      try {
        long v = Long.parseLong(t);
        return v == (int) v ? (Object) (int) v : (Object) v;
      } catch (NumberFormatException e) {
        // Too long for a long: keep the digits as written rather than lose precision.
        return text;
      }
    }
    if (DECIMAL.matcher(t).matches()) {
      return Double.parseDouble(t);
    }
    return text;
  }

  /** Equal as values: numbers compare numerically, so 10 from one source equals 10.0. */
  static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
    }
    return a == null ? b == null : a.equals(b);
  }
}
