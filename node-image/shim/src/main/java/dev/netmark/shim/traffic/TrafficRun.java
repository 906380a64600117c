package dev.netmark.shim.traffic;

import java.util.concurrent.CompletableFuture;

/**
 * One traffic run, started by {@link TrafficRunner#start}. The container is running until {@link
 * #exit()} completes; then it has exited with that code.
 */
public final class TrafficRun {
  private final TrafficRequest request;
  private final CompletableFuture<TrafficExit> exit = new CompletableFuture<>();
  private Process process;
  private boolean stopped;

  TrafficRun(TrafficRequest request) {
    this.request = request;
  }

  /** What was asked for. */
  public TrafficRequest request() {
    return request;
  }

  /** Completes (never exceptionally) when the tool exited, was killed, or was never run. */
  public CompletableFuture<TrafficExit> exit() {
    return exit;
  }

  /** Stops the run (StopContainer, StopPodSandbox): kills the tool if it is running. */
  public synchronized void stop() {
    stopped = true;
    notifyAll();
    if (process != null) {
      process.destroyForcibly();
    }
  }

  /** Waits {@code millis}, or less when the run is stopped meanwhile. */
  synchronized void pause(long millis) throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000L;
    long left;
    while (!stopped && (left = end - System.nanoTime()) > 0) {
      wait(Math.max(1, left / 1_000_000L));
    }
  }

  synchronized boolean stopped() {
    return stopped;
  }

  /** Records the started process; kills it at once if the run was stopped meanwhile. */
  synchronized void started(Process p) {
    process = p;
    if (stopped) {
      p.destroyForcibly();
    }
  }
}
