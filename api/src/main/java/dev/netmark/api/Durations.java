package dev.netmark.api;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations the way Go and clusterloader2 configs write them: {@code 1m30s}, {@code 10ms}.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private Durations() {}

  /**
   * @throws IllegalArgumentException with a message saying what was expected
   */
  public static Duration parse(String text) {
    String s = text.trim();
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(s);
    long nanos = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      double amount = Double.parseDouble(m.group(1));
      nanos += (long) (amount * unitNanos(m.group(2)));
      end = m.end();
    }
    if (end == 0 || end != s.length()) {
      throw new IllegalArgumentException(
          "expected a duration such as 500ms, 10s, 5m or 1m30s, found '" + text + "'");
    }
    return Duration.ofNanos(nanos);
  }

  private static double unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1;
      case "us", "µs" -> 1e3;
      case "ms" -> 1e6;
      case "s" -> 1e9;
      case "m" -> 60e9;
      case "h" -> 3600e9;
      default -> throw new IllegalArgumentException("unknown unit " + unit);
    };
  }
}
