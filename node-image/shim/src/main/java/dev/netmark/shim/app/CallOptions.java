package dev.netmark.shim.app;

import java.time.Duration;

/** The options of {@code netmark-call}, with the design's bounds and defaults. */
record CallOptions(double rate, int size, Duration duration, Duration timeout) {
  // The built-in HTTP server reads a body up to this size (HttpRequest.MAX_BODY).
  static final int MAX_SIZE = 1 << 20;
  // An echo request's data must fit one IP packet with its headers.
  static final int MAX_ICMP_SIZE = 65507 - 8;
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  static CallOptions read(AppWords w, String protocol) {
    long rateMilli = -1;
    int size = 0;
    Duration duration = Duration.ZERO;
    Duration timeout = DEFAULT_TIMEOUT;
    while (w.hasNext()) {
      String option = w.option();
      switch (option) {
        case "--rate" -> rateMilli = w.once(option, () -> w.milli("--rate", 100, 1_000_000));
        case "--size" -> {
          long max = protocol.equals("icmp") ? MAX_ICMP_SIZE : MAX_SIZE;
          size = (int) w.once(option, () -> w.integer("--size", 0, max));
        }
        case "--duration" -> {
          w.once(option, () -> 0);
          duration = w.duration("--duration", Duration.ZERO, Duration.ofDays(1));
        }
        case "--timeout" -> {
          w.once(option, () -> 0);
          timeout = w.duration("--timeout", Duration.ofMillis(1), Duration.ofMinutes(1));
        }
        default -> throw w.unknown(option, "--rate, --size, --duration, --timeout");
      }
    }
    if (rateMilli < 0) {
      throw w.refused("--rate is required (requests per second, 0.1..1000)");
    }
    return new CallOptions(rateMilli / 1000.0, size, duration, timeout);
  }
}
