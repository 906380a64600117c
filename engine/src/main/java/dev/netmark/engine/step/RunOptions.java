package dev.netmark.engine.step;

import dev.netmark.engine.clock.Ticker;
import dev.netmark.engine.kube.RetryPolicy;
import dev.netmark.engine.progress.Progress;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a {@link TestRunner} runs.
 *
 * @param keep keep what the test created, also on failure, Ctrl-C, and when the config says {@code
 *     deleteAutomanagedNamespaces}
 * @param progress where progress goes, see {@link Progress#auto()}
 * @param runId names and labels this run's namespaces ({@code netmark.dev/run=<runId>}); a DNS
 *     label fragment
 * @param wallClock wall-clock time for results
 * @param ticker monotonic time and sleeping for tuning sets and retries
 * @param seed seeds randomized tuning sets
 * @param retry backoff for API calls that failed transiently
 * @param installShutdownHook clean up on Ctrl-C (SIGINT/SIGTERM) through a JVM shutdown hook
 */
public record RunOptions(
    boolean keep,
    Progress progress,
    String runId,
    InstantSource wallClock,
    Ticker ticker,
    long seed,
    RetryPolicy retry,
    boolean installShutdownHook) {

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  public RunOptions {
    if (!runId.matches("[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?")) {
      throw new IllegalArgumentException(
          "run id must be lowercase letters, digits and '-', at most 40, found '" + runId + "'");
    }
  }

  /** No keep, progress on a terminal, a fresh run id, real clocks, Ctrl-C cleanup. */
  public static RunOptions defaults() {
    InstantSource clock = InstantSource.system();
    String runId = newRunId(clock);
    return new RunOptions(
        false,
        Progress.auto(),
        runId,
        clock,
        Ticker.system(),
        runId.hashCode(),
        RetryPolicy.DEFAULT,
        true);
  }

  /** A run id like {@code 20250301-142501-3fa2}: UTC time plus 16 random bits. */
  public static String newRunId(InstantSource clock) {
    byte[] random = new byte[2];
    ThreadLocalRandom.current().nextBytes(random);
    return ID_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(random);
  }

  public RunOptions withKeep(boolean keep) {
    return new RunOptions(
        keep, progress, runId, wallClock, ticker, seed, retry, installShutdownHook);
  }

  public RunOptions withProgress(Progress progress) {
    return new RunOptions(
        keep, progress, runId, wallClock, ticker, seed, retry, installShutdownHook);
  }

  public RunOptions withRunId(String runId) {
    return new RunOptions(
        keep, progress, runId, wallClock, ticker, seed, retry, installShutdownHook);
  }

  public RunOptions withShutdownHook(boolean install) {
    return new RunOptions(keep, progress, runId, wallClock, ticker, seed, retry, install);
  }

  public RunOptions withRetry(RetryPolicy retry) {
    return new RunOptions(
        keep, progress, runId, wallClock, ticker, seed, retry, installShutdownHook);
  }
}
