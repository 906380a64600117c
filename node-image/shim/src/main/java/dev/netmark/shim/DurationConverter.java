package dev.netmark.shim;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations written like kubelet's flags: {@code 500ms}, {@code 30s}, {@code 2m}. */
final class DurationConverter {
  private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m)");

  private DurationConverter() {}

  /**
   * @throws IllegalArgumentException naming {@code flag} when {@code value} is not a positive
   *     duration
   */
  static Duration convert(String flag, String value) {
    Matcher m = FORM.matcher(value.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          flag
              + ": '"
              + value
              + "' is not a duration: expected a number with ms, s or m, e.g. 30s");
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          default -> Duration.ofMinutes(n);
        };
    if (d.isZero()) {
      throw new IllegalArgumentException(flag + ": '" + value + "' must be longer than zero");
    }
    return d;
  }
}
