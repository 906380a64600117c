package dev.netmark.testing.e2e;

import dev.netmark.engine.cli.NetmarkCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code netmark run} in this JVM, exactly as a user types it, against the {@code local}
 * provider.
 *
 * @param exitCode the command's exit code
 * @param out what it printed to stdout
 * @param err what it printed to stderr
 */
record CliRun(int exitCode, String out, String err) {
  /** Runs {@code configs/CONFIG} with {@code args} after it. */
  static CliRun run(String config, List<String> args) {
    List<String> argv = new ArrayList<>(List.of("run", configs().resolve(config).toString()));
    argv.addAll(args);
    return execute(argv);
  }

  /** {@code netmark compare BASELINE CANDIDATE} with {@code options} after them. */
  static CliRun compare(Path baseline, Path candidate, String... options) {
    List<String> argv =
        new ArrayList<>(List.of("compare", baseline.toString(), candidate.toString()));
    argv.addAll(List.of(options));
    return execute(argv);
  }

  private static CliRun execute(List<String> argv) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        NetmarkCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(argv.toArray(String[]::new));
    return new CliRun(code, out.toString(), err.toString());
  }

  /** The repository's {@code configs/}, found upwards from the working directory. */
  static Path configs() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("configs/network-ready-latency.yaml"))) {
        return p.resolve("configs");
      }
    }
    throw new IllegalStateException("no configs/ above " + Path.of("").toAbsolutePath());
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
  }
}
