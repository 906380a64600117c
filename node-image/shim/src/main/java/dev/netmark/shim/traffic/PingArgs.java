package dev.netmark.shim.traffic;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** ping with a count; see {@link TrafficParser} for the accepted options. */
final class PingArgs {
  static final long MAX_COUNT = 1000;
  static final long MAX_SECONDS = 300;

  private PingArgs() {}

  static TrafficCommand parse(ArgCursor w) {
    List<String> args = new ArrayList<>();
    Placeholder target = null;
    long count = -1;
    BigDecimal interval = BigDecimal.ONE;
    long wait = 10;
    while (w.hasNext()) {
      String word = w.next();
      switch (word) {
        case "-c" -> {
          count = w.integer(word, 1, MAX_COUNT);
          args.add(word);
          args.add(Long.toString(count));
        }
        case "-i" -> {
          interval = w.decimal(word, new BigDecimal("0.01"), BigDecimal.TEN);
          args.add(word);
          args.add(interval.toPlainString());
        }
        case "-s" -> {
          args.add(word);
          args.add(Long.toString(w.integer(word, 0, 65507)));
        }
        case "-W" -> {
          wait = w.integer(word, 1, 10);
          args.add(word);
          args.add(Long.toString(wait));
        }
        case "-q", "-n" -> args.add(word);
        default -> {
          if (word.startsWith("-")) {
            throw w.refused("option '" + word + "' is not allowed (allowed: -c -i -s -W -q -n)");
          }
          if (target != null) {
            throw w.refused("only one target is allowed, found a second: '" + word + "'");
          }
          target = w.target(word, false);
          args.add(word);
        }
      }
    }
    if (count < 0) {
      throw w.refused("-c COUNT is required so the run ends");
    }
    if (target == null) {
      throw w.refused("a target placeholder such as $(CONTROL_SAME_NODE) is required");
    }
    long seconds =
        interval.multiply(BigDecimal.valueOf(count)).setScale(0, RoundingMode.CEILING).longValue()
            + wait
            + 5;
    if (seconds > MAX_SECONDS) {
      throw w.refused(
          "-c " + count + " at -i " + interval + " runs longer than " + MAX_SECONDS + " s");
    }
    return new TrafficCommand(Tool.PING, args, target, Duration.ofSeconds(seconds));
  }
}
