package dev.netmark.shim.probe;

import dev.netmark.contract.ProbeTargets;
import dev.netmark.shim.metrics.PodRecorder;
import dev.netmark.shim.targets.ProbeTargetsSource;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the readiness probes of netperf pods after their CNI ADD and records PROBE, PROBE_FAILED and
 * NETWORK_READY through the {@link PodRecorder}.
 *
 * <p>Threads: every probe socket of every pod is served by one {@link EventLoop} thread; sockets
 * are created inside the pod's namespace by that thread ({@code setns} there and back), while the
 * pod's ADD still runs where the shim asks for it ({@link #prepare}). There is no admission limit:
 * every pod starts all its classes when its ADD returns, unless the probe targets are not known
 * yet, in which case a virtual thread waits for them (recorded as {@code probe_wait}).
 *
 * <p>Thread-safe. {@link #start} never blocks.
 */
public final class Prober implements AutoCloseable {
  private final ProbeTargetsSource targets;
  private final PodRecorder recorder;
  private final ProbeSettings settings;
  private final EventLoop loop;
  // One writer keeps the records of all pods in order, off the loop.
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(Thread.ofVirtual().name("netmark-probe-records").factory());
  private final Map<String, PodProbe> pods = new ConcurrentHashMap<>();
  // Pods whose checks are made ready while their ADD runs, by UID (prepare).
  private final Map<String, PreparedPod> prepared = new ConcurrentHashMap<>();
  // The warm-up pod's records, counted and dropped.
  private final AtomicInteger warmUpRecords = new AtomicInteger();

  // Set when the warm-up pods are done (or cannot run).
  private final CompletableFuture<Void> warmedUp = new CompletableFuture<>();
  private volatile boolean closing;

  public Prober(ProbeTargetsSource targets, PodRecorder recorder, ProbeSettings settings) {
    this(targets, recorder, settings, WarmUp.JVM_BUDGET);
  }

  /**
   * @param warmUpBudget warm-up pods left to the prober and every other of its JVM ({@link
   *     WarmUp#JVM_BUDGET}; tests give their own)
   */
  Prober(
      ProbeTargetsSource targets,
      PodRecorder recorder,
      ProbeSettings settings,
      AtomicInteger warmUpBudget) {
    this.targets = targets;
    this.recorder = recorder;
    this.settings = settings;
    this.loop = EventLoop.start("netmark-probe-loop");
    // Class loading and the first FFM downcalls cost tens of ms: pay them now, not on a pod.
    loop.execute(() -> WarmUp.run(loop));
    warmUp(warmUpBudget);
  }

  /**
   * Probes warm-up pods (WarmUp) through the path of every pod, one after the other: the hand-off,
   * the plan, every class on the loop. The first always; more while the JVM's budget and the
   * loopback server last. Their records go nowhere and they are in no map: nothing of them is
   * visible.
   */
  private void warmUp(AtomicInteger budget) {
    int port = WarmUp.serve();
    if (port < 0) {
      warmedUp.complete(null);
      return;
    }
    ProbeTargets t = WarmUp.targets(recorder.node(), port);
    long until = System.nanoTime() + WarmUp.PODS_WITHIN_NANOS;
    loop.execute(() -> warmUpPod(t, until, budget, true));
  }

  private void warmUpPod(ProbeTargets t, long until, AtomicInteger budget, boolean first) {
    if (closing || (!first && (System.nanoTime() - until >= 0 || budget.getAndDecrement() <= 0))) {
      warmedUp.complete(null);
      return;
    }
    PodProbe probe =
        new PodProbe(WarmUp.request(), recorder, record -> warmUpRecords.incrementAndGet());
    begin(probe, t).run();
    whenSettled(probe, () -> warmUpPod(t, until, budget, false));
  }

  /** Runs {@code next} on the loop once {@code probe} has settled, looking every millisecond. */
  private void whenSettled(PodProbe probe, Runnable next) {
    loop.at(
        System.nanoTime() + 1_000_000L,
        () -> {
          if (probe.settledAll()) {
            next.run();
          } else {
            whenSettled(probe, next);
          }
        });
  }

  /** Completes when the prober's warm-up pods are done; tests wait for it. */
  CompletableFuture<Void> warmedUp() {
    return warmedUp;
  }

  /**
   * Makes a pod's checks ready while its ADD runs, on the loop: plans them, opens the pod's
   * namespace and makes the socket of every check's first attempt, so that the ADD's end only sends
   * (the setup cost a pod's last class about 1 ms per HTTP check on a loaded node). Nothing is sent
   * or recorded. Does nothing while the probe targets are unknown or name a host (names are
   * resolved when probing starts). What the start does not use goes at {@link #cancel} or the next
   * prepare.
   *
   * @param netns the pod's network namespace file, already created
   */
  public void prepare(String uid, Path netns) {
    Optional<ProbeTargets> now = targets.current();
    if (now.isEmpty() || !literalHostsOnly(now.get())) {
      return;
    }
    PreparedPod pod = new PreparedPod(netns, now.get());
    discard(prepared.put(uid, pod));
    loop.execute(() -> pod.make(loop, recorder.node(), uid));
  }

  private void discard(PreparedPod pod) {
    if (pod != null) {
      loop.execute(pod::discard);
    }
  }

  /**
   * Starts probing a pod whose ADD just succeeded. A run still known for the same UID is cancelled
   * first (kubelet made a new sandbox).
   */
  public ProbeRun start(ProbeRequest request) {
    return start(request, false);
  }

  /**
   * As {@link #start(ProbeRequest)} but called the moment ADD returns, before the shim reads its
   * result and records the ADD: the pod's records and outcome are held until {@link #addRecorded},
   * so the log still reads ADD first while the shim's own work (the result's parsing, the state and
   * cache files) stays out of the probe times. The request's IP may be null until then.
   */
  public ProbeRun startBeforeAddRecorded(ProbeRequest request) {
    return start(request, true);
  }

  /** The pod's ADD is recorded with the pod's IP {@code ip}: its held records are written. */
  public void addRecorded(String uid, String ip) {
    PodProbe probe = pods.get(uid);
    if (probe != null) {
      probe.release(ip);
    }
  }

  private ProbeRun start(ProbeRequest request, boolean hold) {
    PodProbe probe = new PodProbe(request, recorder, writer);
    if (hold) {
      probe.hold();
    }
    PodProbe previous = pods.put(request.pod().uid(), probe);
    if (previous != null) {
      previous.cancel();
    }
    PreparedPod ready = prepared.remove(request.pod().uid());
    Optional<ProbeTargets> now = targets.current();
    if (ready != null && now.isPresent() && ready.fits(request.netns(), now.get())) {
      loop.execute(() -> ready.start(probe, System.nanoTime())); // queued after its make
    } else if (now.isPresent() && literalHostsOnly(now.get())) {
      discard(ready);
      // Planning runs on the loop too: this thread is the CNI's, at normal priority, and on a busy
      // node every step it takes before the hand-off would count in the pod's probe times.
      ProbeTargets t = now.get();
      loop.execute(() -> begin(probe, t).run());
    } else {
      discard(ready);
      Thread.ofVirtual()
          .name("probe-targets-wait-" + request.pod().uid())
          .start(() -> awaitTargets(probe, now));
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

  /** Stops probing the pod (StopPodSandbox) and forgets it; nothing more is recorded for it. */
  public void cancel(String uid) {
    discard(prepared.remove(uid));
    PodProbe probe = pods.remove(uid);
    if (probe != null) {
      probe.cancel();
    }
  }

  private void awaitTargets(PodProbe probe, Optional<ProbeTargets> known) {
    try {
      ProbeTargets t = known.isPresent() ? known.get() : targets.awaitFirst(settings.targetsWait());
      loop.execute(begin(probe, t)); // names were resolved here, off the loop
    } catch (TimeoutException e) {
      probe.failAll(ProbeTargets.ProbePolicy.defaults().classes(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      probe.cancel();
    }
  }

  /** Plans the pod's checks (resolving names, if any) and returns what starts them on the loop. */
  private Runnable begin(PodProbe probe, ProbeTargets t) {
    String node = recorder.node();
    PreparedPod pod =
        new PreparedPod(
            probe.request().netns(), t, PlannedChecks.of(t, node, ThreadLocalRandom.current()));
    return () -> {
      if (probe.cancelled()) {
        return;
      }
      long now = System.nanoTime();
      pod.make(loop, node, probe.request().pod().uid());
      pod.start(probe, now);
    };
  }

  private static boolean literalHostsOnly(ProbeTargets t) {
    if (t.externalUrl() == null) {
      return true;
    }
    String host = java.net.URI.create(t.externalUrl()).getHost();
    try {
      InetAddress.ofLiteral(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Records of the warm-up pod dropped so far (a PROBE per class, NETWORK_READY, the outcome). */
  int warmUpRecordsDropped() {
    return warmUpRecords.get();
  }

  /** The loop (tests pause it to show that a late read does not move a number). */
  EventLoop loop() {
    return loop;
  }

  /** Stops the loop; sockets still open are closed. */
  @Override
  public void close() {
    closing = true;
    warmedUp.complete(null);
    prepared.values().forEach(this::discard);
    prepared.clear();
    pods.values().forEach(PodProbe::cancel);
    loop.close();
    writer.close(); // waits for records still queued
  }
}
