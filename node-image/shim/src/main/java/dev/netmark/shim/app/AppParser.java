package dev.netmark.shim.app;

import dev.netmark.contract.MetricNames;
import dev.netmark.shim.traffic.TrafficRefusedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code netmark-serve} and {@code netmark-call} container commands with the traffic model's
 * allow-list discipline: no shell, bounded words, every word checked for its place, and every bad
 * argument refused with a {@link TrafficRefusedException} naming it (docs/design.md, "Application
 * models"). Nothing here starts a process: the shim serves and calls itself.
 */
public final class AppParser {
  static final int MAX_ARGS = 16;
  static final int MAX_ARG_LENGTH = 128;
  private static final String TIER = "[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?";
  private static final Pattern EDGE = Pattern.compile("(" + TIER + ")->(" + TIER + ")");
  private static final Pattern TARGET = Pattern.compile("\\$\\((SERVICE|POD):(" + TIER + ")\\)");
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]+");

  private AppParser() {}

  /**
   * Parses kubelet's {@code command} then {@code args}.
   *
   * @return the command, or empty when the first word is neither {@code netmark-serve} nor {@code
   *     netmark-call} (the traffic model's parser decides then)
   * @throws TrafficRefusedException naming the argument that is not allowed
   */
  public static Optional<AppCommand> parse(List<String> command, List<String> args) {
    List<String> argv = new ArrayList<>(command == null ? List.of() : command);
    argv.addAll(args == null ? List.of() : args);
    if (argv.isEmpty()) {
      return Optional.empty();
    }
    String name = argv.get(0);
    boolean serve = name.equals(MetricNames.SERVE_COMMAND);
    if (!serve && !name.equals(MetricNames.CALL_COMMAND)) {
      return Optional.empty();
    }
    if (argv.size() > MAX_ARGS) {
      throw new TrafficRefusedException(
          name + ": too many arguments: " + argv.size() + " (at most " + MAX_ARGS + ")");
    }
    for (int i = 1; i < argv.size(); i++) {
      String w = argv.get(i);
      if (w.isEmpty() || w.length() > MAX_ARG_LENGTH) {
        throw new TrafficRefusedException(
            name + ": argument " + i + " must be 1-" + MAX_ARG_LENGTH + " characters long");
      }
    }
    AppWords words = new AppWords(name, argv.subList(1, argv.size()));
    return Optional.of(serve ? serve(words) : call(words));
  }

  private static ServeCommand serve(AppWords w) {
    String serves = w.plain("what to serve (http, tcp-echo or tcp-sink)");
    if (!List.of("http", "tcp-echo", "tcp-sink").contains(serves)) {
      throw w.refused("serves http, tcp-echo or tcp-sink, found '" + serves + "'");
    }
    int port = (int) w.integer("PORT", 1, 65535);
    int body = 0;
    while (w.hasNext()) {
      String option = w.option();
      if (option.equals("--body") && serves.equals("http")) {
        body = (int) w.once(option, () -> w.integer("--body", 0, 1 << 20));
      } else {
        throw w.unknown(option, serves.equals("http") ? "--body" : "no options for " + serves);
      }
    }
    return new ServeCommand(serves, port, body);
  }

  private static CallCommand call(AppWords w) {
    String edgeWord = w.word("EDGE (client->server)");
    Matcher edge = EDGE.matcher(edgeWord);
    if (!edge.matches()) {
      throw w.refused("EDGE must be <client tier>-><server tier>, found '" + edgeWord + "'");
    }
    String protocol = w.plain("PROTOCOL (http, tcp or icmp)");
    if (!List.of("http", "tcp", "icmp").contains(protocol)) {
      throw w.refused("PROTOCOL must be http, tcp or icmp, found '" + protocol + "'");
    }
    String targetWord = w.word("TARGET ($(SERVICE:tier) or $(POD:tier))");
    Matcher target = TARGET.matcher(targetWord);
    if (!target.matches()) {
      throw w.refused(
          "TARGET must be $(SERVICE:<tier>) or $(POD:<tier>), found '" + targetWord + "'");
    }
    if (!target.group(2).equals(edge.group(2))) {
      throw w.refused(
          "TARGET '"
              + targetWord
              + "' names tier "
              + target.group(2)
              + " but the edge's server tier is "
              + edge.group(2));
    }
    String via = target.group(1).equals("SERVICE") ? "service" : "pod";
    CallOptions o = CallOptions.read(w, protocol);
    return new CallCommand(
        edgeWord, protocol, via, target.group(2), o.rate(), o.size(), o.duration(), o.timeout());
  }

  /** Whether a word may stand anywhere but at EDGE and TARGET. */
  static boolean plain(String word) {
    return PLAIN.matcher(word).matches();
  }
}
