package dev.netmark.shim.traffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** curl of one URL into /dev/null; see {@link TrafficParser} for the accepted options. */
final class CurlArgs {
  static final long MAX_SECONDS = 60;
  static final long DEFAULT_SECONDS = 30;

  /** Written by curl after the transfer; read back as the HTTP status. */
  static final String WRITE_OUT = "%{http_code}";

  private CurlArgs() {}

  static TrafficCommand parse(ArgCursor w) {
    // -q first: ignore any .curlrc of the node's root user.
    List<String> args = new ArrayList<>(List.of("-q"));
    Placeholder target = null;
    boolean devNull = false;
    long seconds = DEFAULT_SECONDS;
    while (w.hasNext()) {
      String word = w.next();
      switch (word) {
        case "-s", "-S", "-f" -> args.add(word);
        case "-o" -> {
          String file = w.value(word);
          if (!file.equals("/dev/null")) {
            throw w.refused(
                "-o must be /dev/null (the shim writes no files), found '" + file + "'");
          }
          devNull = true;
          args.add(word);
          args.add(file);
        }
        case "-m" -> seconds = w.integer(word, 1, MAX_SECONDS);
        default -> {
          if (word.startsWith("-")) {
            throw w.refused(
                "option '" + word + "' is not allowed (allowed: -s -S -f -o /dev/null -m)");
          }
          if (target != null) {
            throw w.refused("only one URL is allowed, found a second: '" + word + "'");
          }
          target = w.target(word, true);
        }
      }
    }
    if (!devNull) {
      throw w.refused("-o /dev/null is required");
    }
    if (target == null) {
      throw w.refused("a URL placeholder such as $(SERVICE_URL) is required");
    }
    args.addAll(List.of("-m", Long.toString(seconds), "-w", WRITE_OUT, target.token()));
    return new TrafficCommand(Tool.CURL, args, target, Duration.ofSeconds(seconds + 5));
  }
}
