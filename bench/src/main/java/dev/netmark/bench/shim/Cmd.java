package dev.netmark.bench.shim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs set-up commands (ip, nsenter, scripts): no shell, a timeout, output in the error. */
public final class Cmd {
  private static final long TIMEOUT_SECONDS = 120;

  private Cmd() {}

  /** Runs {@code argv} and returns its stdout; throws naming the command and its output. */
  public static String run(String... argv) {
    return run(List.of(argv));
  }

  public static String run(List<String> argv) {
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", argv) + ": timed out");
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", argv) + " exited with " + p.exitValue() + ":\n" + text);
      }
      return text;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", argv) + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + argv.getFirst(), e);
    }
  }

  /** Like {@link #run} but for clean-up: a failure is printed, not thrown. */
  static void quietly(String... argv) {
    try {
      run(argv);
    } catch (IllegalStateException e) {
      System.err.println("clean-up: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
