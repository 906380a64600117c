package dev.netmark.testing.local.host;

/**
 * An IPv4 network, e.g. {@code 10.240.0.0/16}.
 *
 * @param base the network address as an unsigned 32-bit value (host bits zero)
 * @param prefix the prefix length, 0 to 32
 */
public record Cidr(int base, int prefix) {
  public Cidr {
    if (prefix < 0 || prefix > 32) {
      throw new IllegalArgumentException("prefix length " + prefix + " is not in 0..32");
    }
    if ((base & ~mask(prefix)) != 0) {
      throw new IllegalArgumentException(
          Ipv4.format(base)
              + "/"
              + prefix
              + " has host bits set; did you mean "
              + Ipv4.format(base & mask(prefix))
              + "/"
              + prefix
              + "?");
    }
  }

  /**
   * Parses {@code a.b.c.d/n}; a bare address is a /32.
   *
   * @throws IllegalArgumentException naming the text when it is not a CIDR
   */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    try {
      int prefix = slash < 0 ? 32 : Integer.parseInt(text.substring(slash + 1));
      int base = Ipv4.parse(slash < 0 ? text : text.substring(0, slash));
      return new Cidr(base, prefix);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not an IPv4 CIDR like 10.240.0.0/16");
    }
  }

  /** How many addresses the network spans. */
  public long size() {
    return 1L << (32 - prefix);
  }

  /** The {@code n}-th address of the network (0 is the network address). */
  public int address(long n) {
    if (n < 0 || n >= size()) {
      throw new IllegalArgumentException(this + " has no address number " + n);
    }
    return base + (int) n;
  }

  /** The {@code i}-th subnet of length {@code subPrefix} (0 is the first). */
  public Cidr subnet(int i, int subPrefix) {
    if (subPrefix < prefix || subPrefix > 32) {
      throw new IllegalArgumentException("cannot cut /" + subPrefix + " subnets out of " + this);
    }
    long count = 1L << (subPrefix - prefix);
    if (i < 0 || i >= count) {
      throw new IllegalArgumentException(
          this + " has only " + count + " /" + subPrefix + " subnets, not " + (i + 1));
    }
    return new Cidr(base + (int) ((long) i << (32 - subPrefix)), subPrefix);
  }

  public boolean contains(int address) {
    return (address & mask(prefix)) == base;
  }

  public boolean overlaps(Cidr other) {
    int common = Math.min(prefix, other.prefix);
    return (base & mask(common)) == (other.base & mask(common));
  }

  @Override
  public String toString() {
    return Ipv4.format(base) + "/" + prefix;
  }

  private static int mask(int prefix) {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }
}
