package dev.netmark.testing.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code netmark} commands of the periodic-job recipe in docs/reports.md: the first {@code sh}
 * block under its heading, each command's arguments after {@code netmark}, quotes removed. A loop
 * {@code for VAR in A B C; do ... done} gives its commands once per value, {@code $VAR} replaced.
 * Shell glue around them ({@code status=0}, {@code || status=$?}) is left out.
 */
final class RecipeCommands {
  static final String HEADING = "### A periodic CI job";

  private RecipeCommands() {}

  static List<List<String>> read() throws IOException {
    Path doc = CliRun.configs().getParent().resolve("docs/reports.md");
    List<String> lines = Files.readAllLines(doc);
    int at = lines.indexOf(HEADING);
    if (at < 0) {
      throw new IllegalStateException(doc + " has no heading '" + HEADING + "'");
    }
    while (at < lines.size() && !lines.get(at).equals("```sh")) {
      at++;
    }
    List<List<String>> commands = new ArrayList<>();
    String loopVar = null;
    List<String> loopValues = List.of();
    List<String> loopBody = new ArrayList<>();
    for (int i = at + 1; i < lines.size() && !lines.get(i).equals("```"); i++) {
      String line = lines.get(i).strip();
      Matcher loop = LOOP.matcher(line);
      if (loop.matches()) {
        loopVar = loop.group(1);
        loopValues = Arrays.asList(loop.group(2).strip().split("\\s+"));
        loopBody.clear();
      } else if (line.equals("done") && loopVar != null) {
        for (String value : loopValues) {
          for (String body : loopBody) {
            commands.add(
                command(body.replace("${" + loopVar + "}", value).replace("$" + loopVar, value)));
          }
        }
        loopVar = null;
      } else if (line.startsWith("netmark ")) {
        if (loopVar != null) {
          loopBody.add(line);
        } else {
          commands.add(command(line));
        }
      }
    }
    if (commands.isEmpty()) {
      throw new IllegalStateException(doc + ": no netmark command under '" + HEADING + "'");
    }
    return commands;
  }

  private static final Pattern LOOP = Pattern.compile("for (\\w+) in ([^;]+); do");

  /** A command line's arguments after {@code netmark}, without its shell glue and quotes. */
  private static List<String> command(String line) {
    int glue = line.indexOf(" || ");
    String command = glue < 0 ? line : line.substring(0, glue);
    List<String> args = new ArrayList<>(Arrays.asList(command.replace("\"", "").split("\\s+")));
    return args.subList(1, args.size());
  }

  /** The value after {@code option} in {@code args}, or null. */
  static String option(List<String> args, String option) {
    int i = args.indexOf(option);
    return i < 0 || i + 1 >= args.size() ? null : args.get(i + 1);
  }

  /** Every value after {@code option} in {@code args}, in order. */
  static List<String> options(List<String> args, String option) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i + 1 < args.size(); i++) {
      if (args.get(i).equals(option)) {
        out.add(args.get(i + 1));
      }
    }
    return out;
  }
}
