package dev.netmark.shim.app;

import dev.netmark.shim.traffic.TrafficRefusedException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A cursor over an application command's words; errors name the command and the argument. */
final class AppWords {
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})(ms|s|m|h)");
  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,4}(\\.[0-9]{1,3})?");

  private final String command;
  private final List<String> words;
  private final Set<String> seen = new HashSet<>();
  private int next;

  AppWords(String command, List<String> words) {
    this.command = command;
    this.words = words;
  }

  boolean hasNext() {
    return next < words.size();
  }

  /** The next word, whatever it holds (EDGE, TARGET: the caller matches it whole). */
  String word(String what) {
    if (!hasNext()) {
      throw refused("missing " + what);
    }
    return words.get(next++);
  }

  /** The next word, which must be plain: letters, digits, '.', '_' or '-'. */
  String plain(String what) {
    String w = word(what);
    if (!AppParser.plain(w)) {
      throw refused(
          "argument "
              + next
              + " '"
              + w
              + "' is not allowed here: expected "
              + what
              + " (no shell)");
    }
    return w;
  }

  /** The next word as an option name ({@code --name}). */
  String option() {
    String w = plain("an option");
    if (!w.startsWith("--")) {
      throw refused("argument " + next + " '" + w + "': expected an option such as --rate");
    }
    return w;
  }

  /** {@code read} once per option: a repeated option is refused. */
  long once(String option, LongSupplier read) {
    if (!seen.add(option)) {
      throw refused("option " + option + " given twice");
    }
    return read.getAsLong();
  }

  long integer(String what, long min, long max) {
    String v = plain(what);
    if (!v.matches("[0-9]{1,9}")) {
      throw refused(what + " needs an integer, found '" + v + "'");
    }
    long n = Long.parseLong(v);
    if (n < min || n > max) {
      throw refused(what + " must be " + min + ".." + max + ", found " + v);
    }
    return n;
  }

  /** A decimal number in thousandths (so 0.1 is 100). */
  long milli(String what, long minMilli, long maxMilli) {
    String v = plain(what);
    if (!DECIMAL.matcher(v).matches()) {
      throw refused(what + " needs a decimal number, found '" + v + "'");
    }
    long m = Math.round(Double.parseDouble(v) * 1000);
    if (m < minMilli || m > maxMilli) {
      throw refused(
          what + " must be " + minMilli / 1000.0 + ".." + maxMilli / 1000 + ", found " + v);
    }
    return m;
  }

  /** {@code 0} or a number with ms, s, m or h, within {@code min..max}. */
  Duration duration(String what, Duration min, Duration max) {
    String v = plain(what);
    Duration d;
    Matcher m = DURATION.matcher(v);
    if (v.equals("0")) {
      d = Duration.ZERO;
    } else if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d =
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
          };
    } else {
      throw refused(what + " needs a duration such as 500ms, 30s, 5m or 1h, found '" + v + "'");
    }
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw refused(what + " must be " + text(min) + ".." + text(max) + ", found " + v);
    }
    return d;
  }

  private static String text(Duration d) {
    return d.isZero() ? "0" : d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  TrafficRefusedException unknown(String option, String known) {
    return refused("unknown option " + option + " (allowed: " + known + ")");
  }

  TrafficRefusedException refused(String reason) {
    return new TrafficRefusedException(command + ": " + reason);
  }
}
