package dev.netmark.measurements.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Prometheus text exposition format (version 0.0.4), the format the shims serve on
 * {@code /metrics}. Maven Central has no maintained parser of it, so this is a small strict one:
 * comments and blank lines are skipped, every other line must be {@code name{labels} value
 * [timestamp]}, and a malformed line is an error naming its line number.
 */
public final class PrometheusTextParser {
  private PrometheusTextParser() {}

  /**
   * @throws IllegalArgumentException naming the line number and what was wrong
   */
  public static List<Sample> parse(String text) {
    List<Sample> samples = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        samples.add(parseLine(line));
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        throw new IllegalArgumentException(
            "metrics line " + (i + 1) + ": " + e.getMessage() + ": " + abbreviate(line), e);
      }
    }
    return samples;
  }

  private static Sample parseLine(String line) {
    int pos = 0;
    while (pos < line.length() && isNameChar(line.charAt(pos), pos == 0)) {
      pos++;
    }
    if (pos == 0) {
      throw new IllegalArgumentException("expected a metric name");
    }
    String name = line.substring(0, pos);
    Map<String, String> labels = new LinkedHashMap<>();
    if (pos < line.length() && line.charAt(pos) == '{') {
      pos = parseLabels(line, pos + 1, labels);
    }
    String rest = line.substring(pos).strip();
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("expected a value after the labels");
    }
    String valueText = rest.split("\\s+")[0];
    return new Sample(name, labels, parseValue(valueText));
  }

  /** Parses {@code a="x",b="y"}} starting after the brace; returns the index after the brace. */
  private static int parseLabels(String line, int start, Map<String, String> labels) {
    int pos = start;
    while (true) {
      pos = skipSpaces(line, pos);
      if (line.charAt(pos) == '}') {
        return pos + 1;
      }
      int nameStart = pos;
      while (isNameChar(line.charAt(pos), pos == nameStart)) {
        pos++;
      }
      if (pos == nameStart) {
        throw new IllegalArgumentException("expected a label name at column " + (pos + 1));
      }
      String label = line.substring(nameStart, pos);
      pos = skipSpaces(line, pos);
      if (line.charAt(pos) != '=' || line.charAt(skipSpaces(line, pos + 1)) != '"') {
        throw new IllegalArgumentException("expected =\"value\" after label " + label);
      }
      pos = skipSpaces(line, pos + 1) + 1;
      StringBuilder value = new StringBuilder();
      for (char c = line.charAt(pos); c != '"'; c = line.charAt(++pos)) {
        if (c == '\\') {
          char escaped = line.charAt(++pos);
          value.append(escaped == 'n' ? '\n' : escaped);
        } else {
          value.append(c);
        }
      }
      labels.put(label, value.toString());
      pos = skipSpaces(line, pos + 1);
      if (line.charAt(pos) == ',') {
        pos++;
      } else if (line.charAt(pos) != '}') {
        throw new IllegalArgumentException("expected , or } after label " + label);
      }
    }
  }

  /** A sample value as Prometheus writes it (also in its API's JSON): a number, Inf or NaN. */
  public static double parseValue(String text) {
    return switch (text) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        try {
          yield Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("expected a number, found '" + text + "'");
        }
      }
    };
  }

  private static boolean isNameChar(char c, boolean first) {
    return Character.isLetter(c) || c == '_' || c == ':' || (!first && Character.isDigit(c));
  }

  private static int skipSpaces(String line, int pos) {
    while (pos < line.length() && line.charAt(pos) == ' ') {
      pos++;
    }
    return pos;
  }

  private static String abbreviate(String line) {
    return line.length() <= 120 ? line : line.substring(0, 117) + "...";
  }
}
