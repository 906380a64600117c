package dev.netmark.testing.local.kubelet;

import dev.netmark.shim.cri.CriClient;
import dev.netmark.shim.cri.api.PodSandboxStatusRequest;
import dev.netmark.testing.local.api.MockQuirks;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet stand-in of one node: it follows the pods bound to its node (events from the shared
 * pod informer, filtered here since the API server has no field selectors) and runs one {@link
 * PodWorker} per pod UID, which drives the node's shim over CRI exactly as kubelet would.
 *
 * <p>Thread-safe; handler callbacks only start or signal workers.
 */
public final class Kubelet implements ResourceEventHandler<Pod>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Kubelet.class);
  private static final Duration RELIST = Duration.ofSeconds(1);
  private static final Duration RESYNC_DEADLINE = Duration.ofSeconds(10);
  private static final Duration HOUSEKEEPING = Duration.ofSeconds(2);

  private final NodeContext ctx;
  private final Map<String, Worker> workers = new ConcurrentHashMap<>();
  // Set by drain and close; the pod workers read it too (NodeContext#stopping).
  private final AtomicBoolean closed;
  private Thread housekeeping;

  private record Worker(PodWorker worker, Thread thread) {}

  private Kubelet(NodeContext ctx, AtomicBoolean closed) {
    this.ctx = ctx;
    this.closed = closed;
  }

  /**
   * A kubelet for {@code node} talking CRI to {@code criSocket}; register it as a handler of the
   * pod informer.
   */
  public static Kubelet start(
      String node,
      String hostIp,
      KubernetesClient kube,
      Path criSocket,
      ControlPods controlPods,
      Path logRoot,
      Backoff backoff,
      SandboxWatch sandboxes) {
    CriClient cri = CriClient.connect(criSocket);
    Pleg pleg = new Pleg(cri, RELIST, node);
    AtomicBoolean closed = new AtomicBoolean();
    return new Kubelet(
        new NodeContext(
            node, hostIp, kube, cri, pleg, controlPods, logRoot, backoff, sandboxes, closed::get),
        closed);
  }

  public String node() {
    return ctx.node();
  }

  /** How many pods this kubelet runs right now. */
  public int runningPods() {
    return workers.size();
  }

  @Override
  public void onAdd(Pod pod) {
    sync(pod);
  }

  @Override
  public void onUpdate(Pod old, Pod pod) {
    sync(pod);
  }

  @Override
  public void onDelete(Pod pod, boolean finalStateUnknown) {
    Worker w = workers.get(pod.getMetadata().getUid());
    if (w != null) {
      w.worker().delete();
    }
  }

  private void sync(Pod pod) {
    if (closed.get() || !MockQuirks.boundTo(pod, ctx.node())) {
      return;
    }
    String uid = pod.getMetadata().getUid();
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      onDelete(pod, false);
      return;
    }
    // Watches replay ADDED for every object, and status writes come back as updates: a pod UID
    // gets exactly one worker.
    workers.computeIfAbsent(
        uid,
        u -> {
          PodWorker worker = new PodWorker(ctx, pod);
          Thread t =
              Thread.ofVirtual()
                  .name("pod-" + pod.getMetadata().getName())
                  .unstarted(
                      () -> {
                        try {
                          worker.run();
                        } finally {
                          workers.remove(u);
                        }
                      });
          Worker w = new Worker(worker, t);
          t.start();
          return w;
        });
  }

  /**
   * Every {@link #HOUSEKEEPING}, stops the pods this kubelet runs that {@code pods} (the informer's
   * store) no longer holds, as kubelet's housekeeping ({@code HandlePodCleanups}) does: a deletion
   * whose event never reached the handler must still stop its pod, or its DEL, namespace and IP
   * wait for the cluster's teardown.
   */
  public synchronized void startHousekeeping(Supplier<List<Pod>> pods) {
    housekeeping =
        Thread.ofVirtual()
            .name("kubelet-housekeeping-" + ctx.node())
            .start(
                () -> {
                  try {
                    while (!closed.get()) {
                      Thread.sleep(HOUSEKEEPING);
                      for (String uid : gone(workers.keySet(), pods)) {
                        Worker w = workers.get(uid);
                        // A deleted pod's worker stays until its sandbox is stopped and removed.
                        if (w != null && !closed.get() && !w.worker().deleting()) {
                          LOG.warn(
                              "kubelet {}: pod {} is gone from the API server but still ran here;"
                                  + " stopping it",
                              ctx.node(),
                              uid);
                          w.worker().delete();
                        }
                      }
                    }
                  } catch (InterruptedException e) {
                    // close(): housekeeping ends.
                  }
                });
  }

  /**
   * The UIDs of {@code running} that no pod of {@code known} has. {@code running} is copied before
   * {@code known} is read: the informer stores a pod before its handler starts the pod's worker, so
   * a pod whose worker was started after the store was read is in neither snapshot, never in the
   * first only. Read the other way round, a pod created in between looked gone and was stopped
   * before its sandbox existed, never to be started again.
   */
  static Set<String> gone(Set<String> running, Supplier<List<Pod>> known) {
    Set<String> gone = new HashSet<>(running);
    known.get().forEach(p -> gone.remove(p.getMetadata().getUid()));
    return gone;
  }

  /**
   * The node's runtime (its shim) is back after a restart: reconnect at once instead of after
   * gRPC's reconnect back-off, re-sync the pods (every sandbox this kubelet runs must still be
   * there) and let pods waiting to retry go on now. kubelet re-syncs with ListPodSandbox; local
   * mode has no runtime behind the shim for the shim to merge that list with, so this asks
   * PodSandboxStatus per sandbox, which the shim answers itself.
   */
  public void runtimeRestarted() {
    ctx.cri().reconnect();
    int kept = 0;
    List<String> lost = new ArrayList<>();
    for (Worker w : List.copyOf(workers.values())) {
      String id = w.worker().sandboxId();
      if (id != null) {
        try {
          // Wait for the new connection: a call on the old one fails at once as UNAVAILABLE.
          ctx.cri()
              .runtime(RESYNC_DEADLINE)
              .withWaitForReady()
              .podSandboxStatus(PodSandboxStatusRequest.newBuilder().setPodSandboxId(id).build());
          kept++;
        } catch (StatusRuntimeException e) {
          lost.add(id + " (" + PodWorker.describe(e.getStatus()) + ")");
        }
      }
      w.worker().retryNow();
    }
    LOG.info(
        "kubelet {}: runtime restarted; re-synced {} sandboxes{}",
        ctx.node(),
        kept,
        lost.isEmpty() ? "" : ", lost " + lost);
  }

  /**
   * Stops every pod as if it was deleted (StopPodSandbox, RemovePodSandbox), waiting up to {@code
   * timeout} for the workers, then closes the CRI connection.
   */
  public void drain(Duration timeout) throws InterruptedException {
    closed.set(true);
    List<Worker> all = List.copyOf(workers.values());
    all.forEach(w -> w.worker().delete());
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Worker w : all) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !w.thread().join(Duration.ofNanos(left))) {
        LOG.warn(
            "kubelet {}: pods still stopping after {}; tearing down anyway", ctx.node(), timeout);
        break;
      }
    }
  }

  /** Stops; pods waiting to retry a call give up now (their stop calls too). */
  @Override
  public void close() {
    closed.set(true);
    synchronized (this) {
      if (housekeeping != null) {
        housekeeping.interrupt();
      }
    }
    ctx.pleg().close();
    ctx.cri().close();
    workers.values().forEach(w -> w.worker().retryNow());
  }
}
