package dev.netmark.testing.local.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One line of {@code ip -4 route show table all}.
 *
 * @param type the route type ({@code unicast} when the line does not name one)
 * @param destination where it leads; {@code default} is 0.0.0.0/0
 * @param device the {@code dev} it names, or empty
 * @param table the {@code table} it names, {@code main} when absent
 * @param line the line as {@code ip} printed it
 */
public record Route(String type, Cidr destination, String device, String table, String line) {
  private static final Set<String> TYPES =
      Set.of(
          "unicast",
          "local",
          "broadcast",
          "multicast",
          "throw",
          "unreachable",
          "prohibit",
          "blackhole",
          "nat",
          "anycast");

  /**
   * Parses the output of {@code ip -4 route show table all}; continuation lines (multipath next
   * hops) are skipped.
   *
   * @throws IllegalArgumentException naming the line that cannot be read
   */
  public static List<Route> parseAll(String ipRouteOutput) {
    List<Route> routes = new ArrayList<>();
    for (String line : ipRouteOutput.split("\n")) {
      if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
        continue;
      }
      routes.add(parse(line.strip()));
    }
    return routes;
  }

  static Route parse(String line) {
    String[] words = line.split("\\s+");
    int i = 0;
    String type = "unicast";
    if (TYPES.contains(words[0])) {
      type = words[0];
      i = 1;
    }
    if (i >= words.length) {
      throw new IllegalArgumentException("route without destination: " + line);
    }
    Cidr dst;
    try {
      dst = words[i].equals("default") ? new Cidr(0, 0) : Cidr.parse(words[i]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot read route '" + line + "': " + e.getMessage(), e);
    }
    return new Route(type, dst, after(words, "dev", ""), after(words, "table", "main"), line);
  }

  private static String after(String[] words, String key, String absent) {
    for (int i = 0; i + 1 < words.length; i++) {
      if (words[i].equals(key)) {
        return words[i + 1];
      }
    }
    return absent;
  }
}
