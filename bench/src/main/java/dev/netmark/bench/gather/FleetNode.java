package dev.netmark.bench.gather;

/**
 * One simulated node of the {@code engine-gather} fleet: its name, its shim's loopback address and
 * how it misbehaves. Derived from the index alone, so the fleet and the benchmark agree without
 * talking.
 *
 * @param index from 0
 */
record FleetNode(int index) {
  /** How a node answers. */
  enum Fault {
    /** Answers at once. */
    NONE,
    /** Answers after {@link #SLOW_MS}, within the source's timeout: it must count as answered. */
    SLOW,
    /** Answers after {@link #HANG_MS}, beyond the timeout: it must count as failed. */
    HANG,
    /** Its shim port has no listener: connection refused. */
    REFUSE,
    /** Answers 200 with a body that is no records and cursor headers that are no numbers. */
    GARBAGE
  }

  static final long SLOW_MS = 1_000;
  static final long HANG_MS = 30_000;

  String name() {
    return String.format("node-%05d", index);
  }

  /** {@code 127.100.x.y}: every address of 127.0.0.0/8 reaches the host's loopback. */
  String address() {
    return "127.100." + (index / 200) + "." + (index % 200 + 10);
  }

  /** Node index of a shim address, or -1 for an address that is none of the fleet's. */
  static int indexOf(byte[] address) {
    if (address.length != 4 || address[0] != 127 || address[1] != 100) {
      return -1;
    }
    int x = address[2] & 0xff;
    int y = (address[3] & 0xff) - 10;
    return y < 0 || y >= 200 ? -1 : x * 200 + y;
  }

  /** One node in 100 is slow, one in 500 hangs, one in 250 refuses, one in 250 answers garbage. */
  Fault fault() {
    if (index % 100 == 1) {
      return Fault.SLOW;
    }
    if (index % 500 == 2) {
      return Fault.HANG;
    }
    if (index % 250 == 3) {
      return Fault.REFUSE;
    }
    if (index % 250 == 4) {
      return Fault.GARBAGE;
    }
    return Fault.NONE;
  }

  /** Whether the engine must count the node as answered. */
  boolean answers() {
    return fault() == Fault.NONE || fault() == Fault.SLOW;
  }
}
