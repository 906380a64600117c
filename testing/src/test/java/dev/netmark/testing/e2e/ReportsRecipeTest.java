package dev.netmark.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.engine.cli.NetmarkCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The periodic-job recipe of docs/reports.md names only knobs that exist: each of its {@code
 * netmark run} commands validates with the same config and parameters (an unread {@code --set} is
 * exit 2), and its {@code compare} compares the directories the runs wrote, three a side.
 */
class ReportsRecipeTest {
  @Test
  void everyRunOfTheRecipeValidatesWithItsParameters() throws Exception {
    List<List<String>> commands = RecipeCommands.read();
    List<String> reportDirs = new ArrayList<>();
    int runs = 0;
    for (List<String> command : commands) {
      if (!command.getFirst().equals("run")) {
        continue;
      }
      runs++;
      reportDirs.add(RecipeCommands.option(command, "--report-dir"));
      List<String> validate = new ArrayList<>(List.of("validate", configPath(command.get(1))));
      for (int i = 2; i < command.size(); i++) {
        if (command.get(i).equals("--set") || command.get(i).equals("--testoverrides")) {
          validate.addAll(command.subList(i, i + 2));
        }
      }
      StringWriter err = new StringWriter();
      int code =
          NetmarkCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err))
              .execute(validate.toArray(String[]::new));
      assertThat(code).as("netmark %s\n%s", String.join(" ", validate), err).isZero();
    }
    // Three runs a side: docs/reports.md, "How many runs".
    assertThat(runs).as("netmark run commands in the recipe").isEqualTo(6);
    List<String> compare =
        commands.stream().filter(c -> c.getFirst().equals("compare")).findFirst().orElseThrow();
    List<String> compared = new ArrayList<>(RecipeCommands.options(compare, "-b"));
    compared.addAll(RecipeCommands.options(compare, "-c"));
    assertThat(compared).isEqualTo(reportDirs);
  }

  /** The recipe's config path, relative to the repository root as the docs write it. */
  static String configPath(String written) {
    return CliRun.configs().getParent().resolve(written).toString();
  }
}
