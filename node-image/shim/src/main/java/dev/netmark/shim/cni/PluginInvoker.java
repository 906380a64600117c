package dev.netmark.shim.cni;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one plugin binary: environment, config on stdin, stdout bounded, stderr tail kept, a timeout
 * after which the plugin and its children are killed. No shell is involved.
 */
final class PluginInvoker {
  private static final Logger LOG = LoggerFactory.getLogger(PluginInvoker.class);
  private static final int STDERR_TAIL = 4096;
  private static final int TEXT_FILE_BUSY_RETRIES = 5;
  private final Duration timeout;
  private final int maxOutputBytes;
  private final ProcessStarter starter;
  private final RunningPlugins running;
  private final Map<String, String> inherited;

  /**
   * @param hostEnvironment variables every plugin gets beside the shim's own environment: a shim
   *     hosted in another program's JVM passes what its own process would carry
   */
  PluginInvoker(
      Duration timeout,
      int maxOutputBytes,
      ProcessStarter starter,
      RunningPlugins running,
      Map<String, String> hostEnvironment) {
    this.timeout = timeout;
    this.maxOutputBytes = maxOutputBytes;
    this.starter = starter;
    this.running = running;
    this.inherited = inherited(hostEnvironment);
  }

  /**
   * What a plugin that succeeded wrote to stdout, and when it had exited.
   *
   * @param exitedNanos {@link System#nanoTime} when the exchange saw the plugin exited with its
   *     output closed, before the shim dropped its record of the process and closed its
   *     descriptors: where the plugin's part of an ADD ends
   */
  record Output(String stdout, long exitedNanos) {}

  /** The {@code onExited} of {@link #runTimed} for callers with nothing to do at the exit. */
  static final Consumer<Output> NO_HOOK = out -> {};

  /** Runs {@code binary} and returns its stdout, or throws what went wrong. */
  String run(Path binary, Map<String, String> env, String stdin) throws PluginFailure {
    return runTimed(binary, env, stdin, NO_HOOK).stdout();
  }

  /**
   * {@link #run}, with when the plugin had exited. {@code onExited} gets the output of a plugin
   * that succeeded as soon as it has exited, before the shim drops its record of the process and
   * closes its descriptors; what it throws is thrown here, after those are cleaned up.
   */
  Output runTimed(Path binary, Map<String, String> env, String stdin, Consumer<Output> onExited)
      throws PluginFailure {
    return PlatformThreads.call(() -> runHere(binary, env, stdin, onExited));
  }

  private Output runHere(
      Path binary, Map<String, String> env, String stdin, Consumer<Output> onExited)
      throws PluginFailure {
    long deadline = System.nanoTime() + timeout.toNanos();
    PluginPipes.Result r;
    PluginProcess process = start(binary, environment(env));
    // Recorded before its stdin is written: a shim killed from here on is followed by one that
    // kills it; before, the plugin reads end of file from the dead shim's pipe and does nothing.
    RunningPlugins.Entry recorded = record(process, binary, env);
    try (process) {
      try {
        r =
            PluginPipes.run(
                process,
                stdin.getBytes(StandardCharsets.UTF_8),
                maxOutputBytes,
                STDERR_TAIL,
                deadline);
      } catch (IOException e) {
        throw new PluginFailure(
            CniException.Reason.EXEC_FAILED, "talking to " + binary + ": " + e.getMessage(), e);
      }
      return switch (r.ending()) {
        case EXITED -> {
          int exit = process.exitValue();
          if (exit != 0) {
            throw PluginErrors.fromExit(exit, r.stdout(), r.stderr());
          }
          Output out = new Output(r.stdout(), r.endNanos());
          onExited.accept(out);
          yield out;
        }
        case TIMED_OUT ->
            throw new PluginFailure(
                CniException.Reason.TIMEOUT,
                0,
                "did not finish within "
                    + timeout.toMillis()
                    + " ms; killed pid "
                    + process.pid()
                    + " and its children",
                "");
        case OUTPUT_LEFT_OPEN ->
            throw new PluginFailure(
                CniException.Reason.TIMEOUT, 0, "exited but a child kept its output open", "");
        case OUTPUT_TOO_LARGE ->
            throw new PluginFailure(
                CniException.Reason.OUTPUT_TOO_LARGE,
                0,
                "wrote more than " + maxOutputBytes + " bytes to stdout; killed",
                "");
        case INTERRUPTED ->
            throw new PluginFailure(
                CniException.Reason.TIMEOUT, 0, "interrupted; plugin killed", "");
      };
    } finally {
      recorded.close(); // after the process was reaped or killed by its close
    }
  }

  /**
   * Records the plugin for the next shim. A DEL that cannot be recorded (a full state disk) runs
   * anyway, as teardown matters more; any other command is refused and its plugin killed.
   */
  private RunningPlugins.Entry record(PluginProcess process, Path binary, Map<String, String> env)
      throws PluginFailure {
    try {
      return running.record(process, binary, env);
    } catch (IOException | RuntimeException e) {
      if ("DEL".equals(env.get("CNI_COMMAND"))) {
        LOG.warn("running {} unrecorded: {}", binary, e.toString());
        return RunningPlugins.unrecorded();
      }
      process.close();
      throw new PluginFailure(
          CniException.Reason.EXEC_FAILED,
          "cannot record the pid of " + binary + " before it runs: " + e.getMessage(),
          e);
    }
  }

  // The shim's own environment and the host's variables, without stale CNI_* variables, which
  // must never reach a plugin.
  private static Map<String, String> inherited(Map<String, String> hostEnvironment) {
    Map<String, String> all = new TreeMap<>(System.getenv());
    all.putAll(hostEnvironment);
    all.keySet().removeIf(k -> k.startsWith("CNI_"));
    return Collections.unmodifiableMap(all);
  }

  private List<String> environment(Map<String, String> env) {
    List<String> all = new ArrayList<>();
    inherited.forEach(
        (k, v) -> {
          if (!env.containsKey(k)) {
            all.add(k + "=" + v);
          }
        });
    env.forEach((k, v) -> all.add(k + "=" + v));
    return all;
  }

  private PluginProcess start(Path binary, List<String> env) throws PluginFailure {
    for (int attempt = 1; ; attempt++) {
      try {
        return starter.start(binary, env);
      } catch (PluginProcess.SpawnException e) {
        // A binary being written right now (upgrade, test setup) fails with ETXTBSY; libcni
        // retries those too.
        if (e.errno != Posix.ETXTBSY || attempt >= TEXT_FILE_BUSY_RETRIES) {
          throw new PluginFailure(CniException.Reason.EXEC_FAILED, e.getMessage(), e);
        }
        sleepBriefly(attempt);
      } catch (IOException e) {
        throw new PluginFailure(
            CniException.Reason.EXEC_FAILED, "cannot start " + binary + ": " + e.getMessage(), e);
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
}
