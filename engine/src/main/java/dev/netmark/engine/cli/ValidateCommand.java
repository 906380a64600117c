package dev.netmark.engine.cli;

import dev.netmark.engine.config.LoadedConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code netmark validate}: renders and checks a config without touching a cluster. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Renders CONFIG with its parameters, checks it, and prints the rendered config.",
      "Every problem is reported with its config path and file:line; exit code 2 if any."
    },
    footer = {
      "",
      "Examples:",
      "  netmark validate configs/network-ready-latency.yaml",
      "  netmark validate configs/pod-flux.yaml --set ROUNDS=10 --testoverrides big.yaml"
    })
final class ValidateCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var env = System.getenv();
    LoadedConfig loaded = options.load(options.plugins(env), env);
    var out = spec.commandLine().getOut();
    String text = loaded.renderedText();
    out.print(text.endsWith("\n") ? text : text + "\n");
    out.flush();
    var err = spec.commandLine().getErr();
    loaded.config().steps().stream()
        .flatMap(s -> s.measurements().stream())
        .flatMap(m -> m.notes().stream())
        .forEach(n -> err.println("netmark: note: " + n));
    err.printf(
        "netmark: %s is valid: test '%s', %d steps%n",
        options.config, loaded.config().name(), loaded.config().steps().size());
    return 0;
  }
}
