package dev.netmark.bench;

import dev.netmark.testing.local.host.Leftovers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The start of a {@code netmark run CONFIG --provider local} command line in a JVM of its own,
 * started from this JVM's {@code java} and class path: the benchmarks that run local mode add their
 * provider options and parameters after it. Without the raw baseline: a benchmark times its own raw
 * operations, and the baseline's ADDs would only add to a run's time and truth files.
 */
public final class LocalRunCommand {
  private LocalRunCommand() {}

  /**
   * @param root the source tree
   * @param config the config, relative to {@code root} (e.g. {@code configs/pod-flux.yaml})
   * @return a mutable list, to append options to
   */
  public static List<String> of(Path root, String config) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(
        List.of(
            "--enable-native-access=ALL-UNNAMED",
            // dist/netmark's flags: the benchmarks run netmark as its users do.
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.netmark.engine.cli.Main",
            "run",
            root.resolve(config).toString(),
            "--provider",
            "local",
            "--no-raw-baseline"));
    return cmd;
  }

  /**
   * {@code --report-dir DIR} with {@code dir} emptied first: {@code netmark run} refuses a
   * directory that holds a report (docs/reports.md, "One run, one directory"), and a benchmark
   * reruns into the same work directory.
   */
  public static List<String> reportDir(Path dir) {
    Leftovers.deleteTree(dir);
    return List.of("--report-dir", dir.toString());
  }
}
