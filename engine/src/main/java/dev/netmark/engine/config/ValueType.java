package dev.netmark.engine.config;

import dev.netmark.api.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The types a config value may have, each with its check. {@link #read} returns the value as the
 * model keeps it (durations stay text, parsed again by {@code Params.duration}) or null after
 * recording a problem.
 */
enum ValueType {
  STRING("a string"),
  BOOLEAN("true or false"),
  INTEGER("an integer"),
  NON_NEGATIVE_INTEGER("an integer >= 0"),
  POSITIVE_INTEGER("an integer > 0"),
  PORT("a port number from 1 to 65535"),
  POSITIVE_NUMBER("a number > 0"),
  DURATION("a duration such as 500ms, 10s, 5m or 1m30s"),
  POSITIVE_DURATION("a duration > 0 such as 500ms, 10s, 5m or 1m30s"),
  STRING_LIST("a list of strings"),
  MAP("a map");

  private final String expected;

  ValueType(String expected) {
    this.expected = expected;
  }

  String expected() {
    return expected;
  }

  Object read(Located v) {
    Object value = v.isScalar() || v.isMap() ? v.value() : null;
    Object result =
        switch (this) {
          case STRING -> v.isScalar() ? String.valueOf(value) : null;
          case BOOLEAN -> value instanceof Boolean b ? b : null;
          case INTEGER -> integer(value, Long.MIN_VALUE, Long.MAX_VALUE);
          case NON_NEGATIVE_INTEGER -> integer(value, 0, Integer.MAX_VALUE);
          case POSITIVE_INTEGER -> integer(value, 1, Integer.MAX_VALUE);
          case PORT -> integer(value, 1, 65535);
          case POSITIVE_NUMBER ->
              value instanceof Number n && n.doubleValue() > 0 && Double.isFinite(n.doubleValue())
                  ? n
                  : null;
          case DURATION -> duration(value, false);
          case POSITIVE_DURATION -> duration(value, true);
          case STRING_LIST -> stringList(v);
          case MAP -> value instanceof Map<?, ?> ? value : null;
        };
    if (result == null) {
      v.problem("expected " + expected + ", found " + v.describe());
    }
    return result;
  }

  private static Object integer(Object value, long min, long max) {
    if (value instanceof Integer || value instanceof Long) {
      long n = ((Number) value).longValue();
      if (n >= min && n <= max) {
        return n <= Integer.MAX_VALUE && n >= Integer.MIN_VALUE ? (Object) (int) n : (Object) n;
      }
    }
    return null;
  }

  private static Object duration(Object value, boolean positive) {
    if (!(value instanceof String) && !(value instanceof Integer && (Integer) value == 0)) {
      return null;
    }
    try {
      Duration d = Durations.parse(value.toString());
      return positive && (d.isZero() || d.isNegative()) ? null : value.toString();
    } catch (IllegalArgumentException e) {
      // The caller reports the expected form with the value found; the parser's text adds nothing.
      return null;
    }
  }

  private static Object stringList(Located v) {
    if (!(v.value() instanceof List<?> list)) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (o == null || o instanceof Map || o instanceof List) {
        return null;
      }
      out.add(o.toString());
    }
    return out;
  }
}
