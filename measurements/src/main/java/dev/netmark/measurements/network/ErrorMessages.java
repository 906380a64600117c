package dev.netmark.measurements.network;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes failure messages that differ only in variable parts (addresses, container ids, counts,
 * elapsed times) compare equal, so identical causes group together; and reads the plugin and CNI
 * error code out of the shim's message format ({@code ... plugin bridge failed after 12 ms: [code
 * 11] ...}).
 */
final class ErrorMessages {
  private static final Pattern UUID =
      Pattern.compile(
          "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
  // Container and sandbox ids are 64 hex digits; 12 is docker's short form.
  private static final Pattern HEX_ID = Pattern.compile("\\b[0-9a-fA-F]{12,}\\b");
  private static final Pattern IPV4 =
      Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?:/\\d{1,2})?(?::\\d+)?\\b");
  private static final Pattern IPV6 =
      Pattern.compile(
          "(?<![\\w:])(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}(?:/\\d{1,3})?(?![\\w:])");
  private static final Pattern MAC = Pattern.compile("\\b(?:[0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}\\b");
  // The CNI error code names the cause, so it stays; every other number is variable.
  private static final Pattern NUMBER = Pattern.compile("(?<!\\[code )\\b\\d+(?:\\.\\d+)?\\b");
  private static final Pattern PLUGIN = Pattern.compile("\\bplugin (\\S+) failed\\b");
  private static final Pattern CODE = Pattern.compile("\\[code (\\d+)]");

  private ErrorMessages() {}

  /** The message with variable parts replaced by {@code <id>}, {@code <ip>}, {@code <n>}. */
  static String normalize(String message) {
    String s = UUID.matcher(message).replaceAll("<id>");
    s = MAC.matcher(s).replaceAll("<mac>");
    s = IPV4.matcher(s).replaceAll("<ip>");
    s = IPV6.matcher(s).replaceAll("<ip>");
    s = HEX_ID.matcher(s).replaceAll("<id>");
    s = NUMBER.matcher(s).replaceAll("<n>");
    return s.strip();
  }

  /** The plugin at fault, or {@code -} when the message names none. */
  static String plugin(String message) {
    Matcher m = PLUGIN.matcher(message);
    return m.find() ? m.group(1) : "-";
  }

  /** The CNI error code, or {@code -} when the message has none. */
  static String code(String message) {
    Matcher m = CODE.matcher(message);
    return m.find() ? m.group(1) : "-";
  }
}
