package dev.netmark.testing.local;

import dev.netmark.contract.MetricNames;
import dev.netmark.shim.ShimLaunch;
import dev.netmark.testing.local.fabric.Fabric;
import dev.netmark.testing.local.host.HostException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's running shim: a separate JVM inside the node's network namespace, started through the
 * fabric (which marks it, logs it to {@code STATE/logs/NODE-shim.log} and ends it by PID at
 * teardown), or, when its command says so, an {@link InProcessShim} in this JVM. {@link
 * #awaitReady} returns once its CRI socket exists and {@code /healthz} answers.
 */
final class ShimProcess {
  private static final Logger LOG = LoggerFactory.getLogger(ShimProcess.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final Process process;
  private final ShimCommand command;

  private ShimProcess(Process process, ShimCommand command) {
    this.process = process;
    this.command = command;
  }

  /** Starts the shim of {@code command.node()}; does not wait (see {@link #awaitReady}). */
  static ShimProcess start(Fabric fabric, ShimCommand command) throws InterruptedException {
    try {
      Files.createDirectories(command.stateDir());
    } catch (IOException e) {
      throw new HostException("cannot create " + command.stateDir() + ": " + e.getMessage(), e);
    }
    if (command.inProcess()) {
      return new ShimProcess(InProcessShim.start(fabric, command), command);
    }
    Path java = ShimCommand.currentJava();
    String classPath = System.getProperty("java.class.path");
    List<String> argv = command.argv(java, classPath, aotCache(java, classPath));
    Process p = fabric.startProcess(command.node(), logName(command.node()), argv);
    return new ShimProcess(p, command);
  }

  // The first shim of a jar trains its AOT cache (seconds, once); without one a shim only starts
  // slower, so a failed training is a warning.
  private static Optional<Path> aotCache(Path java, String classPath) throws InterruptedException {
    try {
      return ShimLaunch.aotCache(java, classPath, ShimLaunch.defaultCacheDir());
    } catch (IOException e) {
      LOG.warn("shims start without an AOT cache: {}", e.getMessage());
      return Optional.empty();
    }
  }

  static String logName(String node) {
    return node + "-shim";
  }

  /**
   * Waits until the shim's socket exists and its health endpoint answers 200.
   *
   * @throws HostException when it exits or is not ready in time, pointing at its log
   */
  void awaitReady(Path logDir) throws InterruptedException {
    URI healthz = URI.create("http://" + command.metricsAddr() + MetricNames.PATH_HEALTHZ);
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new HostException(
            "the shim of "
                + command.node()
                + " exited with "
                + process.exitValue()
                + " before it was ready; see "
                + logDir.resolve(logName(command.node()) + ".log")
                + ":\n"
                + tail(logDir));
      }
      if (Files.exists(command.socket()) && healthy(healthz)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new HostException(
        "the shim of "
            + command.node()
            + " was not ready within "
            + READY_TIMEOUT
            + " (socket "
            + command.socket()
            + ", "
            + healthz
            + "); see "
            + logDir
            + ":\n"
            + tail(logDir));
  }

  private static boolean healthy(URI uri) throws InterruptedException {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false; // not listening yet
    }
  }

  private String tail(Path logDir) {
    return lastLogLines(logDir, 20);
  }

  /** The last {@code n} lines of the shim's log, for a message. */
  String lastLogLines(Path logDir, int n) {
    try {
      List<String> lines = Files.readAllLines(logDir.resolve(logName(command.node()) + ".log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /**
   * The shim's process id.
   *
   * @throws IllegalStateException when it runs in this JVM: there is no process of its own to name
   */
  long pid() {
    if (process instanceof InProcessShim) {
      throw new IllegalStateException(
          "the shim of " + command.node() + " runs in this JVM (shims=in-process), not a process");
    }
    return process.pid();
  }

  Process process() {
    return process;
  }

  ShimCommand command() {
    return command;
  }

  /**
   * How the exited process ended: {@code exit signal 9} (Java reports a death by signal N as 128+N)
   * or {@code exit code 1}.
   */
  String exitDescription() {
    int code = process.exitValue();
    return code > 128 ? "exit signal " + (code - 128) : "exit code " + code;
  }
}
