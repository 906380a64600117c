package dev.netmark.testing.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The first run of docs/your-cni.md: the conflist of the first {@code json} block under its
 * heading, and the commands of the {@code sh} block after it, each as its arguments after the
 * script ({@code hack/local-run.sh}, {@code hack/netmark}).
 *
 * @param conflist the conflist as the guide shows it
 * @param commands each command: the script, then its arguments
 */
record GuideCommands(String conflist, List<List<String>> commands) {
  static final String HEADING = "## A first run";

  static GuideCommands read() throws IOException {
    Path doc = CliRun.configs().getParent().resolve("docs/your-cni.md");
    List<String> lines = Files.readAllLines(doc);
    int at = lines.indexOf(HEADING);
    if (at < 0) {
      throw new IllegalStateException(doc + " has no heading '" + HEADING + "'");
    }
    at = lines.subList(at, lines.size()).indexOf("```json") + at;
    int end = lines.subList(at, lines.size()).indexOf("```") + at;
    String conflist = String.join("\n", lines.subList(at + 1, end)) + "\n";
    int sh = lines.subList(end, lines.size()).indexOf("```sh") + end;
    List<List<String>> commands = new ArrayList<>();
    for (int i = sh + 1; i < lines.size() && !lines.get(i).equals("```"); i++) {
      String line = lines.get(i).strip();
      if (line.startsWith("hack/")) {
        commands.add(Arrays.asList(line.split("\\s+")));
      }
    }
    if (commands.isEmpty()) {
      throw new IllegalStateException(doc + ": no command under '" + HEADING + "'");
    }
    return new GuideCommands(conflist, commands);
  }
}
