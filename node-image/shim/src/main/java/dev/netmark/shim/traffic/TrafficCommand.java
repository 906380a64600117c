package dev.netmark.shim.traffic;

import dev.netmark.contract.ProbeTargets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * An allow-listed traffic invocation, as parsed by {@link TrafficParser}.
 *
 * @param tool the tool
 * @param args its arguments (validated, with options the shim forces already added); the target is
 *     still the placeholder token
 * @param target the placeholder naming what to send traffic to
 * @param timeLimit the run is killed after this long
 */
public record TrafficCommand(Tool tool, List<String> args, Placeholder target, Duration timeLimit) {
  public TrafficCommand {
    args = List.copyOf(args);
    Objects.requireNonNull(target, "target");
  }

  /**
   * The command line to execute: the tool's absolute path and the arguments with the target
   * resolved from the probe targets.
   *
   * @throws TrafficRefusedException when the targets have nothing for the placeholder
   */
  public List<String> resolve(ProbeTargets targets, String node, Random random) {
    String value = PlaceholderResolver.resolve(target, targets, node, random);
    List<String> argv = new ArrayList<>();
    argv.add(tool.executable());
    for (String arg : args) {
      argv.add(arg.equals(target.token()) ? value : arg);
      if (tool == Tool.IPERF3 && arg.equals(target.token())) {
        argv.add("-p");
        argv.add(Integer.toString(targets.controlIperfPort()));
      }
    }
    return argv;
  }
}
