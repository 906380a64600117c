package dev.netmark.shim.traffic;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A cursor over a tool's arguments with bounded number parsing; errors name the tool. */
final class ArgCursor {
  private static final Pattern SIZE = Pattern.compile("([0-9]{1,12})([KMG]?)");
  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,6}(\\.[0-9]{1,3})?");

  private final Tool tool;
  private final List<String> words;
  private int next;

  ArgCursor(Tool tool, List<String> words) {
    this.tool = tool;
    this.words = words;
  }

  boolean hasNext() {
    return next < words.size();
  }

  String next() {
    return words.get(next++);
  }

  /** The value after option {@code option}. */
  String value(String option) {
    if (!hasNext()) {
      throw refused("option " + option + " needs a value");
    }
    return next();
  }

  long integer(String option, long min, long max) {
    String v = value(option);
    if (!v.matches("[0-9]{1,12}")) {
      throw refused("option " + option + " needs an integer, found '" + v + "'");
    }
    return bounded(option, Long.parseLong(v), min, max, v);
  }

  /** An integer with an optional K/M/G suffix in powers of 1024 (sizes, as iperf3 reads them). */
  long size(String option, long min, long max) {
    return scaled(option, min, max, 1024);
  }

  /**
   * An integer with an optional K/M/G suffix in powers of 1000 (bit rates, as iperf3 reads them).
   */
  long rate(String option, long min, long max) {
    return scaled(option, min, max, 1000);
  }

  private long scaled(String option, long min, long max, long base) {
    String v = value(option);
    Matcher m = SIZE.matcher(v);
    if (!m.matches()) {
      throw refused(
          "option " + option + " needs a number with an optional K, M or G, found '" + v + "'");
    }
    long unit =
        switch (m.group(2)) {
          case "K" -> base;
          case "M" -> base * base;
          case "G" -> base * base * base;
          default -> 1;
        };
    return bounded(option, Long.parseLong(m.group(1)) * unit, min, max, v);
  }

  BigDecimal decimal(String option, BigDecimal min, BigDecimal max) {
    String v = value(option);
    if (!DECIMAL.matcher(v).matches()) {
      throw refused("option " + option + " needs a decimal number, found '" + v + "'");
    }
    BigDecimal d = new BigDecimal(v);
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw refused("option " + option + " must be " + min + ".." + max + ", found " + v);
    }
    return d;
  }

  private long bounded(String option, long n, long min, long max, String text) {
    if (n < min || n > max) {
      throw refused("option " + option + " must be " + min + ".." + max + ", found " + text);
    }
    return n;
  }

  /** The placeholder at the current word, checked to be of the right kind. */
  Placeholder target(String word, boolean url) {
    Placeholder p = Placeholder.of(word);
    if (p == null || p.isUrl() != url) {
      throw refused(
          "the target must be "
              + (url
                  ? "a URL placeholder such as $(SERVICE_URL)"
                  : "an IP placeholder such as $(CONTROL_SAME_NODE)")
              + ", found '"
              + word
              + "'");
    }
    return p;
  }

  TrafficRefusedException refused(String reason) {
    return new TrafficRefusedException(tool.toolName() + ": " + reason);
  }
}
