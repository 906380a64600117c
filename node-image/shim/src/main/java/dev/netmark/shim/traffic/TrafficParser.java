package dev.netmark.shim.traffic;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a netperf container's command may run, and how. Allowed, without a shell:
 *
 * <ul>
 *   <li>{@code iperf3 -c $(IP_PLACEHOLDER) [-t 1..120] [-n BYTES<=10G] [-P 1..16] [-u] [-b RATE]
 *       [-l 1..1M] [-J] [-R]} — client mode only; {@code -J} and the control pods' iperf3 port are
 *       added by the shim;
 *   <li>{@code ping -c 1..1000 [-i 0.01..10] [-s 0..65507] [-W 1..10] [-q] [-n] $(IP_PLACEHOLDER)};
 *   <li>{@code curl [-s] [-S] [-f] -o /dev/null [-m 1..60] $(URL_PLACEHOLDER)}.
 * </ul>
 *
 * <p>The first word is the bare tool name or its absolute path ({@link Tool}); the target is always
 * a {@link Placeholder}, never a literal address; options are separate words. Anything else is
 * refused with a {@link TrafficRefusedException} naming the argument.
 */
public final class TrafficParser {
  private static final int MAX_ARGS = 32;
  private static final int MAX_ARG_LENGTH = 128;
  private static final String SHELL_CHARS = ";|&`<>*?!{}[]\"'\\ \t\r\n~#%^";

  private TrafficParser() {}

  /**
   * Parses the container's command and args (kubelet's {@code command} then {@code args}).
   *
   * @throws TrafficRefusedException naming the problem
   */
  public static TrafficCommand parse(List<String> command, List<String> args) {
    List<String> argv = new ArrayList<>(command == null ? List.of() : command);
    argv.addAll(args == null ? List.of() : args);
    if (argv.isEmpty()) {
      throw new TrafficRefusedException(
          "no command: a netperf container must name iperf3, ping or curl");
    }
    if (argv.size() > MAX_ARGS) {
      throw new TrafficRefusedException(
          "too many arguments: " + argv.size() + " (at most " + MAX_ARGS + ")");
    }
    for (int i = 0; i < argv.size(); i++) {
      checkWord(i, argv.get(i));
    }
    Tool tool = Tool.named(argv.get(0));
    if (tool == null) {
      throw new TrafficRefusedException(
          "'"
              + argv.get(0)
              + "' is not allowed: only iperf3, ping and curl run (as a bare name or from"
              + " /usr/bin), without a shell");
    }
    ArgCursor words = new ArgCursor(tool, argv.subList(1, argv.size()));
    return switch (tool) {
      case IPERF3 -> Iperf3Args.parse(words);
      case PING -> PingArgs.parse(words);
      case CURL -> CurlArgs.parse(words);
    };
  }

  private static void checkWord(int index, String word) {
    if (word.isEmpty() || word.length() > MAX_ARG_LENGTH) {
      throw new TrafficRefusedException(
          "argument " + index + " must be 1-" + MAX_ARG_LENGTH + " characters long");
    }
    for (char c : word.toCharArray()) {
      if (SHELL_CHARS.indexOf(c) >= 0 || c < 0x20 || c > 0x7e) {
        throw new TrafficRefusedException(
            "argument "
                + index
                + " '"
                + word
                + "' contains '"
                + c
                + "': shell syntax is not supported (commands run without a shell)");
      }
    }
    if (word.contains("$") && Placeholder.of(word) == null) {
      throw new TrafficRefusedException(
          "argument "
              + index
              + " '"
              + word
              + "' is not a known placeholder; use one of "
              + java.util.Arrays.stream(Placeholder.values()).map(Placeholder::token).toList());
    }
  }
}
