package dev.netmark.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.engine.cli.NetmarkCommand;
import dev.netmark.testing.local.Clusters;
import dev.netmark.testing.local.host.MachineSnapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The periodic-job recipe of docs/reports.md, run as written but small and in local mode: its
 * {@code --kubeconfig} becomes a local cluster of 2 nodes, its sizes 2 pods per node (1 warm-up
 * pod), and its threshold one no loaded build machine comes near (the recipe's own, 5s, is what a
 * real cluster is held to). Every other argument, knob included, is the doc's.
 */
class ReportsRecipeE2eIT {
  private static final String PREFIX = "nmrc";
  private static final int BASE = 194;
  private static final int NODES = 2;
  private static final Map<String, String> SMALL =
      Map.of(
          "NODES", String.valueOf(NODES),
          "PODS_PER_NODE", "2",
          "WARMUP_PODS_PER_NODE", "1",
          "READY_P99", "10m");

  @Test
  void theRecipesCommandsRunAndCompare(@TempDir Path tmp) throws Exception {
    MachineSnapshot before = Clusters.snapshot(PREFIX, BASE);
    for (List<String> command : RecipeCommands.read()) {
      List<String> args = small(command, tmp);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          NetmarkCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
              .execute(args.toArray(String[]::new));
      String shown = "netmark " + String.join(" ", args) + "\n" + out + "\n" + err;
      if (command.getFirst().equals("run")) {
        assertThat(code).as(shown).isZero();
        assertThat(out.toString()).as(shown).contains("\nVerdict: PASS\n");
      } else {
        // Two small runs of one setup may differ by chance; the recipe must only be usable: 0 or
        // 1, never 2 (bad usage, a directory missing).
        assertThat(code).as(shown).isIn(0, 1);
        assertThat(out.toString()).as(shown).contains("Verdict: ");
      }
    }
    assertThat(before.differences(Clusters.snapshot(PREFIX, BASE))).isEmpty();
  }

  /** The doc's command with the cluster, report directories and sizes of this test. */
  private static List<String> small(List<String> command, Path tmp) {
    List<String> out = new ArrayList<>();
    if (command.getFirst().equals("compare")) {
      out.add("compare");
      for (int i = 1; i < command.size(); i++) {
        String arg = command.get(i);
        out.add(arg);
        if (arg.equals("-b") || arg.equals("-c")) {
          out.add(tmp.resolve(command.get(++i)).toString());
        }
      }
      return out;
    }
    out.add("run");
    out.add(ReportsRecipeTest.configPath(command.get(1)));
    String reportDir = tmp.resolve(RecipeCommands.option(command, "--report-dir")).toString();
    for (int i = 2; i < command.size(); i++) {
      String arg = command.get(i);
      switch (arg) {
        case "--kubeconfig", "--report-dir" -> i++; // replaced by the local cluster's below
        case "--set" -> {
          String set = command.get(++i);
          String key = set.substring(0, set.indexOf('='));
          out.add("--set");
          out.add(SMALL.containsKey(key) ? key + "=" + SMALL.get(key) : set);
        }
        default -> out.add(arg);
      }
    }
    out.addAll(LocalRuns.args(PREFIX, BASE, NODES, reportDir));
    return out;
  }
}
