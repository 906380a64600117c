package dev.netmark.shim.probe;

import dev.netmark.contract.ProbeTargets;
import dev.netmark.shim.metrics.PodRecorder;
import dev.netmark.shim.targets.ProbeTargetsSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Runs the readiness probes of netperf pods after their CNI ADD and records PROBE, PROBE_FAILED and
 * NETWORK_READY through the {@link PodRecorder}.
 *
 * <p>Threads: each check of a pod (one per control pod pinged, one per HTTP target) runs on its own
 * platform thread inside the pod's network namespace ({@code setns}, see {@link
 * dev.netmark.shim.netns.NetnsThreads}), supervised by a virtual thread; the threads end when the
 * check settles. At most {@link ProbeSettings#maxConcurrentPods} pods are probed at once (about
 * {@code 3 + K} threads each with the default policy); further pods wait in FIFO order.
 *
 * <p>Thread-safe. {@link #start} never blocks.
 */
public final class Prober {
  private final ProbeTargetsSource targets;
  private final PodRecorder recorder;
  private final ProbeSettings settings;
  private final Map<String, PodProbe> pods = new ConcurrentHashMap<>();
  private final Queue<PodProbe> waiting = new ArrayDeque<>();
  private int running;

  /**
   * @throws IllegalStateException when the process cannot send ICMP (needs CAP_NET_RAW)
   */
  public Prober(ProbeTargetsSource targets, PodRecorder recorder, ProbeSettings settings) {
    IcmpCapability.require();
    this.targets = targets;
    this.recorder = recorder;
    this.settings = settings;
  }

  /**
   * Starts probing a pod whose ADD just succeeded. A run still known for the same UID is cancelled
   * first (kubelet made a new sandbox).
   */
  public ProbeRun start(ProbeRequest request) {
    PodProbe probe = new PodProbe(request, recorder);
    PodProbe previous = pods.put(request.pod().uid(), probe);
    if (previous != null) {
      previous.cancel();
    }
    boolean now;
    synchronized (this) {
      now = running < settings.maxConcurrentPods();
      if (now) {
        running++;
      } else {
        waiting.add(probe);
      }
    }
    if (now) {
      launch(probe);
    }
    return new ProbeRun(request.pod(), probe.outcome());
  }

  /** The run of a pod UID, finished or not, until it is {@link #cancel cancelled}. */
  public Optional<ProbeRun> find(String uid) {
    PodProbe probe = pods.get(uid);
    return probe == null
        ? Optional.empty()
        : Optional.of(new ProbeRun(probe.request().pod(), probe.outcome()));
  }

  /**
   * Stops probing the pod (StopPodSandbox) and forgets it. Nothing more is recorded for it; an
   * attempt in flight ends within its attempt timeout (10 ms by default) and its thread exits.
   */
  public void cancel(String uid) {
    PodProbe probe = pods.remove(uid);
    if (probe != null) {
      probe.cancel();
    }
  }

  private void finished() {
    List<PodProbe> next = new ArrayList<>();
    synchronized (this) {
      running--;
      while (running < settings.maxConcurrentPods() && !waiting.isEmpty()) {
        PodProbe p = waiting.poll();
        if (!p.cancelled()) {
          running++;
          next.add(p);
        }
      }
    }
    // Launched outside the lock: a launch takes the pod's lock, which may call back into finished.
    next.forEach(this::launch);
  }

  private void launch(PodProbe probe) {
    if (!probe.onFinish(this::finished)) {
      finished(); // cancelled between admission and launch
      return;
    }
    Optional<ProbeTargets> now = targets.current();
    if (now.isPresent()) {
      ProbeLauncher.launch(probe, now.get(), recorder.node());
      return;
    }
    Thread.ofVirtual()
        .name("probe-targets-wait-" + probe.request().pod().uid())
        .start(
            () -> {
              try {
                ProbeTargets t = targets.awaitFirst(settings.targetsWait());
                ProbeLauncher.launch(probe, t, recorder.node());
              } catch (TimeoutException e) {
                probe.failAll(ProbeTargets.ProbePolicy.defaults().classes(), e.getMessage());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                probe.cancel();
              }
            });
  }
}
