package dev.netmark.testing.local.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command (an argument list, never a shell) to completion and captures its output. Local
 * mode only runs short commands this way ({@code ip}, {@code iptables-restore}, CNI plugins);
 * servers are started with {@link ProcessBuilder} by their owners.
 */
public final class Exec {
  /** Long enough for a CNI ADD under load on 2 cores, short enough to report a hang. */
  private static final long TIMEOUT_SECONDS = 60;

  private Exec() {}

  /**
   * What a finished command returned.
   *
   * @param command the argument list that ran
   * @param exitCode its exit status
   * @param stdout everything it wrote to stdout
   * @param stderr everything it wrote to stderr
   */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }

    /** Returns this result, or throws with the command, exit code and both outputs. */
    public Result orThrow() {
      if (!ok()) {
        throw new HostException(describe());
      }
      return this;
    }

    /** A one-line account of the failure a user can act on. */
    public String describe() {
      String out = (stderr.strip() + " " + stdout.strip()).strip();
      return String.join(" ", command)
          + " exited with "
          + exitCode
          + (out.isEmpty() ? "" : ": " + out);
    }
  }

  /** Runs {@code command} and throws when it exits non-zero. */
  public static Result check(String... command) throws InterruptedException {
    return run(Map.of(), null, List.of(command)).orThrow();
  }

  /** Runs {@code command} and returns its result whatever the exit code. */
  public static Result run(String... command) throws InterruptedException {
    return run(Map.of(), null, List.of(command));
  }

  /**
   * Runs {@code command} with extra environment variables and {@code stdin} (may be null).
   *
   * @throws HostException when the command cannot be started or does not finish in time
   */
  public static Result run(Map<String, String> env, String stdin, List<String> command)
      throws InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new HostException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
    }
    // Virtual threads, not the common pool: blocking reads there starve each other on 2 cores.
    FutureTask<String> out = drain(p.getInputStream());
    FutureTask<String> err = drain(p.getErrorStream());
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // The command exited without reading its input; its exit code and stderr say why.
    }
    try {
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new HostException(
            String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
      return new Result(List.copyOf(command), p.exitValue(), out.get(), err.get());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      throw e;
    } catch (ExecutionException e) {
      throw new HostException("reading output of " + String.join(" ", command), e.getCause());
    }
  }

  private static FutureTask<String> drain(InputStream stream) {
    FutureTask<String> task =
        new FutureTask<>(
            () -> {
              try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
              }
            });
    Thread.ofVirtual().name("exec-drain").start(task);
    return task;
  }
}
