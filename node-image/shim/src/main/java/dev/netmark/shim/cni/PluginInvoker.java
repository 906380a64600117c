package dev.netmark.shim.cni;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one plugin binary: environment, config on stdin, stdout bounded, stderr tail kept, a timeout
 * after which the plugin and its children are killed. No shell is involved.
 */
final class PluginInvoker {
  private static final int STDERR_TAIL = 4096;
  private static final int TEXT_FILE_BUSY_RETRIES = 5;

  private final Duration timeout;
  private final int maxOutputBytes;
  private final ProcessStarter starter;

  PluginInvoker(Duration timeout, int maxOutputBytes, ProcessStarter starter) {
    this.timeout = timeout;
    this.maxOutputBytes = maxOutputBytes;
    this.starter = starter;
  }

  /** Runs {@code binary} and returns its stdout, or throws what went wrong. */
  String run(Path binary, Map<String, String> env, String stdin) throws PluginFailure {
    ProcessBuilder builder = new ProcessBuilder(binary.toString());
    Map<String, String> environment = builder.environment();
    // Stale CNI_* variables of the shim's own environment must never reach a plugin.
    environment.keySet().removeIf(k -> k.startsWith("CNI_"));
    environment.putAll(env);
    Process process = start(builder, binary);
    long deadline = System.nanoTime() + timeout.toNanos();
    OutputReader out = OutputReader.bounded(process.getInputStream(), maxOutputBytes, process);
    OutputReader err = OutputReader.tail(process.getErrorStream(), STDERR_TAIL);
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The plugin exited or closed stdin before reading its config: its exit status says why.
      System.getLogger(PluginInvoker.class.getName())
          .log(System.Logger.Level.DEBUG, binary + " did not read its config: " + e.getMessage());
    }
    try {
      if (!process.waitFor(remaining(deadline), TimeUnit.NANOSECONDS)) {
        long pid = process.pid();
        ProcessTrees.kill(process);
        throw new PluginFailure(
            CniException.Reason.TIMEOUT,
            0,
            "did not finish within "
                + timeout.toMillis()
                + " ms; killed pid "
                + pid
                + " and its children",
            "");
      }
      if (!out.await(remaining(deadline)) || !err.await(remaining(deadline))) {
        ProcessTrees.kill(process);
        throw new PluginFailure(
            CniException.Reason.TIMEOUT, 0, "exited but a child kept its output open", "");
      }
    } catch (InterruptedException e) {
      ProcessTrees.kill(process);
      Thread.currentThread().interrupt();
      throw new PluginFailure(CniException.Reason.TIMEOUT, "interrupted; plugin killed", e);
    }
    if (out.overflowed()) {
      throw new PluginFailure(
          CniException.Reason.OUTPUT_TOO_LARGE,
          0,
          "wrote more than " + maxOutputBytes + " bytes to stdout; killed",
          "");
    }
    int exit = process.exitValue();
    if (exit != 0) {
      throw PluginErrors.fromExit(exit, out.text(), err.text());
    }
    return out.text();
  }

  private Process start(ProcessBuilder builder, Path binary) throws PluginFailure {
    for (int attempt = 1; ; attempt++) {
      try {
        return starter.start(builder);
      } catch (IOException e) {
        // A binary being written right now (upgrade, test setup) fails with ETXTBSY; libcni
        // retries those too.
        boolean busy = String.valueOf(e.getMessage()).contains("Text file busy");
        if (!busy || attempt >= TEXT_FILE_BUSY_RETRIES) {
          throw new PluginFailure(
              CniException.Reason.EXEC_FAILED, "cannot start " + binary + ": " + e.getMessage(), e);
        }
        sleepBriefly(attempt);
      }
    }
  }

  private static void sleepBriefly(int attempt) throws PluginFailure {
    try {
      Thread.sleep(20L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PluginFailure(CniException.Reason.EXEC_FAILED, "interrupted", e);
    }
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }
}
