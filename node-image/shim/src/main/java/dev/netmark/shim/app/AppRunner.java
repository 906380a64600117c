package dev.netmark.shim.app;

import dev.netmark.shim.metrics.PodRecorder;
import dev.netmark.shim.probe.ProbeOutcome;
import dev.netmark.shim.probe.ProbeRun;
import dev.netmark.shim.probe.Prober;
import dev.netmark.shim.targets.ProbeTargetsSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves and calls for the application containers of netperf pods (docs/design.md, "Application
 * models"). Every socket of every pod lives on one event loop thread of its own ({@code
 * netmark-app-loop}), beside the prober's: application load never delays a probe attempt, and no
 * pod has a thread or process. A server listens from StartContainer (after the ADD); a client calls
 * from the pod's network-ready. Records go through one writer thread, in order.
 *
 * <p>Thread-safe: CRI threads start and stop runs; all run state lives on the loop.
 */
public final class AppRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AppRunner.class);
  private static final long STOP_WAIT_SECONDS = 5;
  static final String LOOP_NAME = "netmark-app-loop";

  private final Prober prober;
  private final ProbeTargetsSource targets;
  private final PodRecorder recorder;
  // Created with the first run: a shim without application pods has no loop thread or buffers.
  private AppContext ctx;
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(Thread.ofVirtual().name("netmark-app-records").factory());
  private final Map<String, AppRun> runs = new ConcurrentHashMap<>();

  public AppRunner(Prober prober, ProbeTargetsSource targets, PodRecorder recorder) {
    this.prober = prober;
    this.targets = targets;
    this.recorder = recorder;
  }

  private synchronized AppContext ctx() {
    if (ctx == null) {
      ctx = new AppContext(new AppLoop(LOOP_NAME), writer, recorder, targets);
    }
    return ctx;
  }

  /** Whether the loop runs: only once a container started serving or calling. */
  synchronized boolean started() {
    return ctx != null;
  }

  /** Starts serving or calling for StartContainer; returns at once. */
  public AppRun start(AppRequest request) {
    AppRun run = new AppRun(request);
    AppRun previous = runs.put(request.containerId(), run);
    if (previous != null) {
      stop(previous);
    }
    Optional<CompletableFuture<ProbeOutcome>> ready =
        prober.find(request.pod().uid()).map(ProbeRun::outcome);
    switch (request.command()) {
      case ServeCommand serve -> {
        ServeRun s = new ServeRun(ctx(), run, serve);
        run.onStop(s::stop);
        execute(s::start);
        ready.ifPresent(
            f ->
                f.thenAccept(
                    o -> {
                      if (o.networkReady()) {
                        execute(() -> s.networkReady(o.readyAtNanos()));
                      }
                    }));
      }
      case CallCommand call -> {
        CallRun c = new CallRun(ctx(), run, call);
        run.onStop(c::stop);
        if (ready.isEmpty()) {
          // After a shim restart the probe state is gone; the pod was probed before it.
          LOG.warn("pod {}: no probe run known, calling without waiting", request.pod());
          execute(() -> c.begin(System.nanoTime()));
        } else {
          ready
              .get()
              .thenAccept(
                  o -> {
                    if (o.networkReady()) {
                      execute(() -> c.begin(o.readyAtNanos()));
                    } else {
                      execute(c::stop);
                      run.exited(
                          1,
                          o.cancelled()
                              ? "the pod was stopped before it became network-ready"
                              : "the pod never became network-ready: " + o.failures());
                    }
                  });
        }
      }
    }
    return run;
  }

  /** The run of a container until {@link #forget}. */
  public Optional<AppRun> find(String containerId) {
    return Optional.ofNullable(runs.get(containerId));
  }

  /**
   * Stops the container's run (StopContainer, StopPodSandbox): its sockets close, open requests
   * finish as {@code stopped}; returns once its last records are written.
   */
  public void stop(String containerId) {
    AppRun run = runs.get(containerId);
    if (run != null) {
      stop(run);
    }
  }

  /** Stops and forgets the container's run (RemoveContainer, RemovePodSandbox). */
  public void forget(String containerId) {
    AppRun run = runs.remove(containerId);
    if (run != null) {
      stop(run);
    }
  }

  private void stop(AppRun run) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    execute(
        () -> {
          try {
            run.stopAction().run();
          } finally {
            done.complete(null);
          }
        });
    try {
      done.get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
      // The stop's records were queued on the loop; this waits until they are written.
      writer.submit(() -> {}).get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn(
          "stopping {} of {} took too long: {}",
          run.request().containerId(),
          run.request().pod(),
          e.toString());
    }
    run.exited(0, null);
  }

  private void execute(Runnable task) {
    ctx().io().loop().execute(task);
  }

  @Override
  public void close() {
    runs.values().forEach(r -> execute(r.stopAction()));
    runs.clear();
    synchronized (this) {
      if (ctx != null) {
        ctx.io().close();
      }
    }
    writer.close();
  }
}
