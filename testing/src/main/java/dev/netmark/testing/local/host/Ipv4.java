package dev.netmark.testing.local.host;

/** Dotted-quad IPv4 addresses as unsigned 32-bit ints. */
public final class Ipv4 {
  private Ipv4() {}

  /**
   * Parses {@code a.b.c.d}.
   *
   * @throws IllegalArgumentException naming the text when it is not an address
   */
  public static int parse(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("'" + text + "' is not an IPv4 address like 10.240.0.1");
    }
    int value = 0;
    for (String part : parts) {
      int octet;
      try {
        octet = Integer.parseInt(part);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "' is not an IPv4 address like 10.240.0.1");
      }
      if (octet < 0 || octet > 255 || part.isEmpty() || part.length() > 3) {
        throw new IllegalArgumentException("'" + text + "' has an octet outside 0..255");
      }
      value = value << 8 | octet;
    }
    return value;
  }

  public static String format(int address) {
    return (address >>> 24)
        + "."
        + (address >>> 16 & 255)
        + "."
        + (address >>> 8 & 255)
        + "."
        + (address & 255);
  }
}
