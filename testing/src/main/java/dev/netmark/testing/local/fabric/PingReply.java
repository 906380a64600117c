package dev.netmark.testing.local.fabric;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Send times from the lines of {@code ping -D -O -i 0.01} (docs/design.md, "Raw baseline"): a
 * reply's send time is its timestamp minus its round trip; a "no answer yet" line, printed as the
 * next echo goes out, dates its echo one interval (10 ms) before it.
 */
public final class PingReply {
  private static final Pattern LINE =
      Pattern.compile(
          "\\[(\\d+)\\.(\\d{6})\\](?: .* time=([0-9.]+) ms.*| no answer yet for icmp_seq=\\d+)");

  /** The ping interval raw pings use, 10 ms. */
  private static final long INTERVAL_US = 10_000;

  private PingReply() {}

  /**
   * The send time (epoch microseconds) of the echo {@code line} is about, or -1 for no such line.
   */
  public static long sentUs(String line) {
    Matcher p = LINE.matcher(line.strip());
    if (!p.matches()) {
      return -1;
    }
    long stampUs = Long.parseLong(p.group(1)) * 1_000_000 + Long.parseLong(p.group(2));
    return p.group(3) != null
        ? stampUs - Math.round(Double.parseDouble(p.group(3)) * 1000)
        : stampUs - INTERVAL_US;
  }

  /** The send time of the first answered echo in ping's whole output, or -1 without an answer. */
  public static long firstAnsweredUs(String output) {
    return firstSentUs(output, ".*bytes from.*");
  }

  /** The send time of ping's first echo (answered or not) in its whole output, or -1. */
  public static long firstEchoUs(String output) {
    return firstSentUs(output, ".*icmp_seq=1( .*|$)");
  }

  private static long firstSentUs(String output, String lineRegex) {
    return output
        .lines()
        .filter(l -> l.matches(lineRegex))
        .findFirst()
        .map(PingReply::sentUs)
        .orElse(-1L);
  }
}
