package dev.netmark.engine.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code netmark} command; its subcommands do the work. */
@Command(
    name = "netmark",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Measures how fast a Kubernetes CNI provider makes pods network-ready.",
    subcommands = {
      ValidateCommand.class,
      RunCommand.class,
      CompareCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  netmark validate configs/network-ready-latency.yaml --set NODES=3",
      "  netmark run configs/network-ready-latency.yaml --report-dir reports/nrl",
      "  netmark run test.yaml --kubeconfig ~/.kube/config --metric-source proxy",
      "  netmark compare reports/baseline reports/candidate --tolerance 10%%",
      "",
      "Exit codes: 0 pass, 1 a step failed or a threshold was breached, 2 bad usage or config."
    })
public final class NetmarkCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing a command: validate, run or compare");
  }

  /** A command line with netmark's exit codes and error messages. */
  public static CommandLine commandLine() {
    return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
  }

  /** The same, writing to the given streams (for tests). */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(new NetmarkCommand());
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExecutionExceptionHandler(new Failures());
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    return cmd;
  }

  /** Runs {@code args} and returns the exit code. */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }
}
