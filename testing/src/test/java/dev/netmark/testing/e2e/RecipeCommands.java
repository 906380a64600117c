package dev.netmark.testing.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code netmark} commands of the periodic-job recipe in docs/reports.md: the first {@code sh}
 * block under its heading, each command's arguments after {@code netmark}, quotes removed. Shell
 * glue around them ({@code status=0}, {@code || status=$?}) is left out.
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
    for (int i = at + 1; i < lines.size() && !lines.get(i).equals("```"); i++) {
      String line = lines.get(i).strip();
      if (!line.startsWith("netmark ")) {
        continue;
      }
      int glue = line.indexOf(" || ");
      String command = glue < 0 ? line : line.substring(0, glue);
      List<String> args = new ArrayList<>(Arrays.asList(command.replace("\"", "").split("\\s+")));
      commands.add(args.subList(1, args.size()));
    }
    if (commands.isEmpty()) {
      throw new IllegalStateException(doc + ": no netmark command under '" + HEADING + "'");
    }
    return commands;
  }

  /** The value after {@code option} in {@code args}, or null. */
  static String option(List<String> args, String option) {
    int i = args.indexOf(option);
    return i < 0 || i + 1 >= args.size() ? null : args.get(i + 1);
  }
}
