package dev.netmark.shim.traffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** iperf3 in client mode; see {@link TrafficParser} for the accepted options. */
final class Iperf3Args {
  static final long MAX_SECONDS = 120;
  static final long MAX_BYTES = 10L << 30;
  static final int MAX_STREAMS = 16;
  static final long MAX_LENGTH = 1L << 20;
  static final long MAX_RATE = 100_000_000_000L;

  /** Allowance for connection set-up and the JSON summary beyond {@code -t}. */
  static final long SLACK_SECONDS = 15;

  private Iperf3Args() {}

  static TrafficCommand parse(ArgCursor w) {
    List<String> args = new ArrayList<>();
    Placeholder target = null;
    long seconds = 10;
    boolean bytesGiven = false;
    while (w.hasNext()) {
      String opt = w.next();
      switch (opt) {
        case "-c" -> {
          if (target != null) {
            throw w.refused("-c given twice");
          }
          target = w.target(w.value(opt), false);
          args.add(opt);
          args.add(target.token());
        }
        case "-t" -> {
          seconds = w.integer(opt, 1, MAX_SECONDS);
          args.add(opt);
          args.add(Long.toString(seconds));
        }
        case "-n" -> {
          args.add(opt);
          args.add(Long.toString(w.size(opt, 1, MAX_BYTES)));
          bytesGiven = true;
        }
        case "-P" -> {
          args.add(opt);
          args.add(Long.toString(w.integer(opt, 1, MAX_STREAMS)));
        }
        case "-l" -> {
          args.add(opt);
          args.add(Long.toString(w.size(opt, 1, MAX_LENGTH)));
        }
        case "-b" -> {
          args.add(opt);
          args.add(Long.toString(w.rate(opt, 0, MAX_RATE)));
        }
        case "-u", "-R" -> args.add(opt);
        case "-J" -> {
          // Always added below; accepted so specs can say what they expect.
        }
        case "-s", "-D", "--server" ->
            throw w.refused("server mode is not allowed; run a client with -c $(PLACEHOLDER)");
        default ->
            throw w.refused(
                "option '" + opt + "' is not allowed (allowed: -c -t -n -P -u -b -l -J -R)");
      }
    }
    if (target == null) {
      throw w.refused(
          "client mode only: -c $(CONTROL_SAME_NODE) or another IP placeholder is required");
    }
    args.add("-J");
    args.add("--connect-timeout");
    args.add("3000");
    long limit = bytesGiven ? MAX_SECONDS + SLACK_SECONDS : seconds + SLACK_SECONDS;
    return new TrafficCommand(Tool.IPERF3, args, target, Duration.ofSeconds(limit));
  }
}
