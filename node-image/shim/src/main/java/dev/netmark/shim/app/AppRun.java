package dev.netmark.shim.app;

import dev.netmark.shim.traffic.TrafficExit;
import java.util.concurrent.CompletableFuture;

/**
 * One serving or calling container, started by {@link AppRunner#start}. The container runs until
 * {@link #exit()} completes: a call with a duration ends with code 0 once its last request
 * finished; a server that cannot listen ends with 1; otherwise it runs until stopped.
 */
public final class AppRun {
  private final AppRequest request;
  private final CompletableFuture<TrafficExit> exit = new CompletableFuture<>();
  private final long startedWallMs = System.currentTimeMillis();
  private Runnable stop = () -> {};

  AppRun(AppRequest request) {
    this.request = request;
  }

  public AppRequest request() {
    return request;
  }

  /** Completes (never exceptionally) when the run ended by itself. */
  public CompletableFuture<TrafficExit> exit() {
    return exit;
  }

  void onStop(Runnable action) {
    stop = action;
  }

  Runnable stopAction() {
    return stop;
  }

  void exited(int code, String reason) {
    exit.complete(new TrafficExit(code, startedWallMs, System.currentTimeMillis(), reason));
  }
}
