package dev.netmark.shim.traffic;

import dev.netmark.contract.ProbeTargets;
import dev.netmark.shim.cni.RunningPlugins;
import dev.netmark.shim.metrics.PodRecorder;
import dev.netmark.shim.metrics.TrafficKeys;
import dev.netmark.shim.probe.ProbeOutcome;
import dev.netmark.shim.probe.ProbeRun;
import dev.netmark.shim.probe.Prober;
import dev.netmark.shim.targets.ProbeTargetsSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs allow-listed traffic commands of netperf containers: waits until the pod is network-ready,
 * resolves the target placeholder, runs the tool without a shell inside the pod's namespace with a
 * time limit, and records a TRAFFIC event (results and exit code) through the {@link PodRecorder}.
 * Each run is supervised by one virtual thread; the tool is spawned from a platform thread in the
 * pod's namespace, which the child inherits.
 */
public final class TrafficRunner {
  private static final Logger LOG = LoggerFactory.getLogger(TrafficRunner.class);

  private final Prober prober;
  private final ProbeTargetsSource targets;
  private final PodRecorder recorder;
  private final Duration readyWait;
  private final RunningPlugins running;
  private final Map<String, TrafficRun> runs = new ConcurrentHashMap<>();

  /**
   * @param readyWait how long a run waits for its pod to become network-ready (and for the first
   *     probe targets) before it is given up with {@link TrafficExit#NOT_RUN}
   */
  public TrafficRunner(
      Prober prober,
      ProbeTargetsSource targets,
      PodRecorder recorder,
      Duration readyWait,
      RunningPlugins running) {
    this.prober = prober;
    this.targets = targets;
    this.recorder = recorder;
    this.readyWait = readyWait;
    this.running = running;
  }

  /** Starts a run for StartContainer; returns at once. */
  public TrafficRun start(TrafficRequest request) {
    TrafficRun run = new TrafficRun(request);
    TrafficRun previous = runs.put(request.containerId(), run);
    if (previous != null) {
      previous.stop();
    }
    Thread.ofVirtual().name("traffic-" + request.containerId()).start(() -> supervise(run));
    return run;
  }

  /** The run of a container, running or finished, until {@link #forget}. */
  public Optional<TrafficRun> find(String containerId) {
    return Optional.ofNullable(runs.get(containerId));
  }

  /** Stops the container's run, if any (StopContainer). */
  public void stop(String containerId) {
    TrafficRun run = runs.get(containerId);
    if (run != null) {
      run.stop();
    }
  }

  /** Stops and forgets the container's run (RemoveContainer). */
  public void forget(String containerId) {
    TrafficRun run = runs.remove(containerId);
    if (run != null) {
      run.stop();
    }
  }

  private void supervise(TrafficRun run) {
    TrafficRequest req = run.request();
    TrafficExit exit;
    Map<String, Double> recorded = new HashMap<>();
    try {
      awaitReady(req);
      ProbeTargets t = targets.awaitFirst(readyWait);
      BusyRetry busy = new BusyRetry(req.command().timeLimit(), System.nanoTime());
      ToolProcess.Result result = runTakingTurns(run, t, busy);
      exit = result.exit();
      recorded.putAll(result.results());
      if (busy.retries() > 0) {
        recorded.put(TrafficKeys.BUSY_RETRIES, (double) busy.retries());
      }
      if (result.serverBusy()) {
        exit = exit.because(exit.reason() + " (still busy after " + busy.retries() + " retries)");
      }
    } catch (TrafficRefusedException | TimeoutException e) {
      exit = notRun(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exit = notRun("interrupted while waiting to run");
    } catch (Exception e) {
      LOG.warn("traffic run of container {} failed", req.containerId(), e);
      exit = notRun("cannot run in " + req.netns() + ": " + e);
    }
    recorded.put(TrafficKeys.EXIT_CODE, (double) exit.exitCode());
    recorder.traffic(req.pod(), req.podIp(), req.attempt(), recorded, exit.reason());
    run.exit().complete(exit);
  }

  /**
   * Runs the command, and again after a wait while its server is busy with another client (see
   * {@link BusyRetry}); each attempt resolves the target anew, so {@code $(CONTROL_REMOTE)} may
   * pick a free server. A stop during a wait ends the run before its next start.
   */
  private ToolProcess.Result runTakingTurns(TrafficRun run, ProbeTargets t, BusyRetry busy)
      throws Exception {
    TrafficCommand command = run.request().command();
    while (true) {
      List<String> argv = command.resolve(t, recorder.node(), ThreadLocalRandom.current());
      ToolProcess.Result result = ToolProcess.run(run, argv, command.timeLimit(), running);
      if (!result.serverBusy()) {
        return result;
      }
      OptionalLong wait = busy.next(System.nanoTime(), ThreadLocalRandom.current());
      if (wait.isEmpty()) {
        return result;
      }
      run.pause(wait.getAsLong());
    }
  }

  private void awaitReady(TrafficRequest req)
      throws InterruptedException, TimeoutException, ExecutionException {
    Optional<ProbeRun> probe = prober.find(req.pod().uid());
    if (probe.isEmpty()) {
      // After a shim restart the probe state is gone; the pod was probed before it.
      LOG.warn("pod {}: no probe run known, running traffic without waiting", req.pod());
      return;
    }
    ProbeOutcome outcome = probe.get().outcome().get(readyWait.toMillis(), TimeUnit.MILLISECONDS);
    if (!outcome.networkReady()) {
      throw new TrafficRefusedException(
          outcome.cancelled()
              ? "the pod was stopped before it became network-ready"
              : "the pod never became network-ready: " + outcome.failures());
    }
  }

  private static TrafficExit notRun(String reason) {
    long now = System.currentTimeMillis();
    return new TrafficExit(TrafficExit.NOT_RUN, 0, now, reason);
  }
}
