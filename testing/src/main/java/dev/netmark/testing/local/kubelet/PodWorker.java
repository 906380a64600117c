package dev.netmark.testing.local.kubelet;

import dev.netmark.shim.cri.CriClient;
import dev.netmark.shim.cri.api.ListPodSandboxRequest;
import dev.netmark.shim.cri.api.PodSandbox;
import dev.netmark.shim.cri.api.PodSandboxConfig;
import dev.netmark.shim.cri.api.PodSandboxFilter;
import dev.netmark.shim.cri.api.PodSandboxStatusRequest;
import dev.netmark.shim.cri.api.RunPodSandboxRequest;
import dev.netmark.testing.local.api.MockQuirks;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pod's life on its node, as kubelet's pod worker drives it: create the sandbox (retrying with
 * back-off, same UID, next attempt), read its IP, pull, create and start the containers, write the
 * status, follow container exits, and on deletion stop and remove everything. Runs on its own
 * virtual thread; {@link #delete} may be called from any thread at any time.
 */
final class PodWorker implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PodWorker.class);
  // Tries of each clean-up call for sandboxes whose RunPodSandbox answer was lost.
  private static final int UNKNOWN_SANDBOX_ATTEMPTS = 10;
  // A stop call failing the same way this often while the node drains is left to the teardown.
  static final int SAME_FAILURES_WHILE_DRAINING = 3;

  private final NodeContext ctx;
  private final Pod pod;
  private final CompletableFuture<Void> deleted = new CompletableFuture<>();
  private final Instant start = Instant.now();
  private final PodStateLog states;
  private final FailureEvents events;
  private volatile CompletableFuture<Void> wake = new CompletableFuture<>();
  private volatile String sandboxId;
  // A RunPodSandbox attempt ended without an answer (UNAVAILABLE, DEADLINE_EXCEEDED): the runtime
  // may have created a sandbox this worker never learnt, not yet found and removed.
  private boolean unknownSandboxes;
  // Some attempt's answer was lost: at deletion, every sandbox of the pod is looked for (an attempt
  // that timed out may create its sandbox after the next attempt's clean-up, as kubelet knows).
  private boolean answerLost;

  PodWorker(NodeContext ctx, Pod pod) {
    this.ctx = ctx;
    this.pod = pod;
    this.states = new PodStateLog(name(), ctx.node());
    this.events = new FailureEvents(ctx, pod);
  }

  /** Asks the worker to tear the pod down; returns at once. */
  /** Whether {@link #delete} was called: the pod is being stopped or is gone. */
  boolean deleting() {
    return deleted.isDone();
  }

  void delete() {
    deleted.complete(null);
  }

  @Override
  public void run() {
    try {
      if (ControlPods.isControl(pod)) {
        runControlPod();
      } else {
        runSandboxed();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("pod {} on {} failed: {}", name(), ctx.node(), e.toString(), e);
    }
  }

  private void runControlPod() throws InterruptedException {
    String ip = null;
    for (int failures = 0; ip == null; ) {
      try {
        ip = ctx.controlPods().start(ctx.node(), pod);
      } catch (RuntimeException e) {
        // As with a sandbox: report, back off, retry until it works or the pod is deleted.
        failures++;
        states.enter("control pod failing: " + e.getMessage());
        events.failed(e.getMessage());
        if (failures == 1) {
          writeStatus(
              PodStatuses.pending(pod, ctx.hostIp(), start, "ControlPodFailed", e.getMessage()));
        }
        if (awaitDeleted(backoff(failures))) {
          return;
        }
      }
    }
    try {
      var c = pod.getSpec().getContainers().getFirst();
      Instant now = Instant.now();
      var run =
          new ContainerRun(
              c.getName(),
              CriConfigs.image(c),
              "local://" + ctx.node() + "/" + name(),
              now,
              null,
              null,
              null);
      states.enter("running");
      writeStatus(PodStatuses.started(pod, ctx.hostIp(), ip, start, now, java.util.List.of(run)));
      awaitDeleted();
    } finally {
      ctx.controlPods().stop(ctx.node(), pod);
    }
  }

  private void runSandboxed() throws InterruptedException {
    PodSandboxConfig config = null;
    int failures = 0;
    while (sandboxId == null) {
      if (deleted.isDone()) {
        if (answerLost) {
          removeUnknownSandboxes(null, UNKNOWN_SANDBOX_ATTEMPTS);
        }
        return;
      }
      if (unknownSandboxes) {
        // As kubelet before a new attempt: kill the sandboxes an earlier one may have left.
        unknownSandboxes = !removeUnknownSandboxes(null, 1);
      }
      config = CriConfigs.sandbox(pod, failures, ctx.logRoot());
      try {
        sandboxId =
            ctx.cri()
                .runtime(CriClient.SANDBOX_DEADLINE)
                .runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(config).build())
                .getPodSandboxId();
        Instant returned = Instant.now();
        ctx.sandboxes()
            .created(
                ctx.node(),
                pod,
                returned.getEpochSecond() * 1_000_000 + returned.getNano() / 1000,
                sandboxId);
      } catch (StatusRuntimeException e) {
        failures++;
        unknownSandboxes |= outcomeUnknown(e.getStatus());
        answerLost |= unknownSandboxes;
        states.enter("RunPodSandbox failing: " + describe(e.getStatus()));
        events.failed(e.getStatus().getDescription());
        if (failures == 1) {
          // kubelet reports the failure in the status; later failures only change the message.
          writeStatus(
              PodStatuses.pending(
                  pod,
                  ctx.hostIp(),
                  start,
                  "FailedCreatePodSandBox",
                  String.valueOf(e.getStatus().getDescription())));
        }
        awaitDeleted(backoff(failures)); // a deletion ends the loop at its top
      }
    }
    states.enter(
        "sandbox "
            + sandboxId
            + " created"
            + (failures > 0 ? " after " + failures + " failed attempts" : ""));
    Containers containers = new Containers(ctx, pod, sandboxId, config);
    try {
      String ip = null;
      Instant ready = null;
      for (int waits = 0; ready == null; ) {
        try {
          ip = sandboxIp(sandboxId);
          containers.startAll();
          ready = Instant.now();
        } catch (StatusRuntimeException e) {
          if (e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
            states.enter("containers failed: " + describe(e.getStatus()));
            writeStatus(
                PodStatuses.pending(
                    pod,
                    ctx.hostIp(),
                    start,
                    "CreateContainerError",
                    String.valueOf(e.getStatus().getDescription())));
            awaitDeleted();
            return;
          }
          // The runtime is restarting: as kubelet does, wait and go on where it stopped.
          states.enter("containers waiting for the runtime: " + describe(e.getStatus()));
          if (awaitDeleted(backoff(++waits))) {
            return;
          }
        }
      }
      states.enter("running");
      writeStatus(PodStatuses.started(pod, ctx.hostIp(), ip, start, ready, containers.runs()));
      while (!deleted.isDone()) {
        if (containers.awaitExit(deleted)) {
          writeStatus(PodStatuses.started(pod, ctx.hostIp(), ip, start, ready, containers.runs()));
        }
      }
    } finally {
      containers.stopAndRemove(stopWait());
      if (answerLost) {
        removeUnknownSandboxes(sandboxId, UNKNOWN_SANDBOX_ATTEMPTS);
      }
    }
  }

  /** Whether a failed RunPodSandbox may still have created the sandbox: its answer was lost. */
  static boolean outcomeUnknown(Status status) {
    return status.getCode() == Status.Code.UNAVAILABLE
        || status.getCode() == Status.Code.DEADLINE_EXCEEDED;
  }

  /**
   * kubelet's clean-up of sandboxes whose RunPodSandbox answer was lost (a shim killed just after
   * creating one): lists the pod's sandboxes by its UID label and stops and removes each but {@code
   * known}. Each call is tried at most {@code attempts} times, waiting for a restarting runtime
   * between them; a single try (before a new attempt) logs its failures at DEBUG only, since the
   * failing RunPodSandbox already says the runtime is down.
   *
   * @return whether the list succeeded (every sandbox found was then stopped and removed, or the
   *     attempts ran out, which is logged)
   */
  private boolean removeUnknownSandboxes(String known, int attempts) throws InterruptedException {
    Containers.RuntimeWait bounded = (f, why) -> f < attempts && awaitRuntime(f, why);
    BiConsumer<String, StatusRuntimeException> log =
        attempts > 1
            ? this::warn
            : (what, e) -> LOG.debug("{} on {} failed: {}", what, ctx.node(), e.getStatus());
    var request =
        ListPodSandboxRequest.newBuilder()
            .setFilter(
                PodSandboxFilter.newBuilder()
                    .putLabelSelector(CriConfigs.LABEL_POD_UID, pod.getMetadata().getUid()))
            .build();
    List<PodSandbox> found = new ArrayList<>();
    AtomicBoolean listed = new AtomicBoolean();
    Containers.untilDone(
        "ListPodSandbox of pod " + name(),
        () -> {
          found.addAll(
              ctx.cri().runtime(CriClient.CALL_DEADLINE).listPodSandbox(request).getItemsList());
          listed.set(true);
        },
        bounded,
        log);
    if (!listed.get()) {
      return false;
    }
    for (PodSandbox s : found) {
      if (s.getId().equals(known)) {
        continue;
      }
      LOG.info(
          "pod {} on {}: stopping and removing sandbox {}, whose RunPodSandbox answer was lost",
          name(),
          ctx.node(),
          s.getId());
      states.enter("removing unknown sandbox " + s.getId());
      Containers.stopSandbox(ctx.cri(), s.getId(), bounded, log);
      Containers.removeSandbox(ctx.cri(), s.getId(), bounded, log);
    }
    return true;
  }

  private void warn(String what, StatusRuntimeException e) {
    LOG.warn("{} on {} failed: {}", what, ctx.node(), e.getStatus());
  }

  private String sandboxIp(String sandboxId) {
    return ctx.cri()
        .runtime(CriClient.CALL_DEADLINE)
        .podSandboxStatus(PodSandboxStatusRequest.newBuilder().setPodSandboxId(sandboxId).build())
        .getStatus()
        .getNetwork()
        .getIp();
  }

  private Duration backoff(int failures) {
    return ctx.backoff().jittered(failures, ThreadLocalRandom.current());
  }

  /** A gRPC status as one short line: {@code UNAVAILABLE: Connection refused}. */
  static String describe(Status status) {
    String d = status.getDescription();
    return d == null || d.isBlank() ? status.getCode().name() : status.getCode() + ": " + d;
  }

  private void awaitDeleted() throws InterruptedException {
    try {
      deleted.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the deletion signal never fails", e);
    }
  }

  /**
   * Waits up to {@code d}, or until {@link #retryNow}; returns whether the pod was deleted
   * meanwhile.
   */
  private boolean awaitDeleted(Duration d) throws InterruptedException {
    CompletableFuture<Void> w = wake;
    try {
      CompletableFuture.anyOf(deleted, w).get(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("the deletion and wake signals never fail", e);
    }
    if (w.isDone()) {
      wake = new CompletableFuture<>();
    }
    return deleted.isDone();
  }

  /**
   * How the pod's stop calls wait: for a restarting runtime always; for a call that fails the same
   * way {@value #SAME_FAILURES_WHILE_DRAINING} times in a row only until the node is drained for
   * the cluster's teardown, which DELs what is left itself and reports what fails there (a user's
   * CNI whose DEL keeps failing would otherwise hold every run's end for the whole drain timeout).
   */
  private Containers.RuntimeWait stopWait() {
    return new Containers.RuntimeWait() {
      @Override
      public boolean await(int failures, String why) throws InterruptedException {
        return awaitRuntime(failures, why);
      }

      @Override
      public boolean givesUp(int times) {
        return times >= SAME_FAILURES_WHILE_DRAINING && ctx.stopping().getAsBoolean();
      }
    };
  }

  /**
   * Waits to retry a stop call the runtime could not take: the back-off, or until {@link
   * #retryNow}; false once the node's CRI connection is closed (the node is being torn down).
   */
  private boolean awaitRuntime(int failures, String why) throws InterruptedException {
    if (ctx.cri().closed()) {
      return false;
    }
    states.enter(why);
    CompletableFuture<Void> w = wake;
    try {
      w.get(backoff(failures).toMillis(), TimeUnit.MILLISECONDS);
      wake = new CompletableFuture<>();
    } catch (TimeoutException e) {
      // The back-off passed: try again.
    } catch (ExecutionException e) {
      throw new IllegalStateException("the wake signal never fails", e);
    }
    return !ctx.cri().closed();
  }

  /** Ends a back-off wait now: the runtime came back, so the next attempt may succeed. */
  void retryNow() {
    wake.complete(null);
  }

  /** The pod's sandbox once created, else null. */
  String sandboxId() {
    return sandboxId;
  }

  private void writeStatus(PodStatus status) {
    if (deleted.isDone()) {
      return;
    }
    try {
      MockQuirks.writeStatus(ctx.kube(), pod, status);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return; // deleted meanwhile; the delete event is on its way
      }
      LOG.warn("writing the status of {} failed: {}", name(), e.getMessage());
    }
  }

  private String name() {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }
}
