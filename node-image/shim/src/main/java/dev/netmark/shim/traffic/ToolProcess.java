package dev.netmark.shim.traffic;

import dev.netmark.shim.cni.RunningPlugins;
import dev.netmark.shim.metrics.TrafficKeys;
import dev.netmark.shim.netns.NetnsThreads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Spawns one tool in the pod's namespace, without a shell, and collects its bounded output. */
final class ToolProcess {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ToolProcess.class);
  static final int MAX_STDOUT = 1 << 20;
  static final int MAX_STDERR = 4096;

  /**
   * @param serverBusy iperf3's server was serving another client, so nothing was measured
   */
  record Result(TrafficExit exit, Map<String, Double> results, boolean serverBusy) {}

  private ToolProcess() {}

  static Result run(TrafficRun run, List<String> argv, Duration limit, RunningPlugins running)
      throws Exception {
    if (run.stopped()) {
      long now = System.currentTimeMillis();
      return new Result(
          new TrafficExit(TrafficExit.NOT_RUN, 0, now, "stopped before start"), Map.of(), false);
    }
    ProcessBuilder pb = new ProcessBuilder(argv);
    // A clean environment: no proxy variables or locale settings of the shim reach the tool.
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/bin:/bin");
    pb.environment().put("LANG", "C");
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    long startNanos = System.nanoTime();
    long startedWall = System.currentTimeMillis();
    // Started from a thread inside the pod's namespace, so the child is born there.
    Process p = NetnsThreads.call(run.request().netns(), pb::start);
    run.started(p);
    CompletableFuture<String> out = drain(p.getInputStream(), MAX_STDOUT);
    CompletableFuture<String> err = drain(p.getErrorStream(), MAX_STDERR);
    boolean exited;
    // Recorded so a shim killed meanwhile is followed by one that kills the tool, which would
    // otherwise run to its own end.
    try (RunningPlugins.Entry recorded = record(running, p, run, argv.get(0))) {
      exited = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        p.destroyForcibly();
        p.waitFor();
      }
    }
    long finishedWall = System.currentTimeMillis();
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    String stdout = out.join();
    String stderr = err.join();
    ToolOutput.Parsed parsed = ToolOutput.parse(run.request().command().tool(), stdout);
    Map<String, Double> results = new HashMap<>(parsed.results());
    results.put(TrafficKeys.DURATION_SECONDS, seconds);
    int code = exited ? p.exitValue() : TrafficExit.KILLED;
    String reason = null;
    if (!exited) {
      reason =
          argv.get(0) + " exceeded its time limit of " + limit.toSeconds() + " s and was killed";
    } else if (run.stopped()) {
      reason = argv.get(0) + " was stopped";
    } else if (code != 0 || parsed.error() != null) {
      reason =
          argv.get(0)
              + " exited with "
              + code
              + (parsed.error() != null ? ": " + parsed.error() : "")
              + (stderr.isBlank() ? "" : ": " + stderr.strip());
    }
    return new Result(
        new TrafficExit(code, startedWall, finishedWall, reason),
        results,
        exited && !run.stopped() && parsed.serverBusy());
  }

  private static RunningPlugins.Entry record(
      RunningPlugins running, Process p, TrafficRun run, String tool) {
    if (!p.isAlive()) {
      return RunningPlugins.unrecorded(); // done already: nothing to end
    }
    try {
      return running.recordProcess(
          p.pid(), "traffic " + Path.of(tool).getFileName(), run.request().containerId());
    } catch (IOException | RuntimeException e) {
      LOG.warn("running {} unrecorded: {}", tool, e.toString());
      return RunningPlugins.unrecorded();
    }
  }

  private static CompletableFuture<String> drain(InputStream in, int max) {
    CompletableFuture<String> text = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try (in) {
                ByteArrayOutputStream kept = new ByteArrayOutputStream();
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) >= 0) {
                  // Keep the head up to max and discard the rest, but read on so the tool never
                  // blocks.
                  kept.write(buf, 0, Math.max(0, Math.min(n, max - kept.size())));
                }
                text.complete(kept.toString(StandardCharsets.UTF_8));
              } catch (IOException e) {
                text.completeExceptionally(new UncheckedIOException(e));
              }
            });
    return text;
  }
}
