package dev.netmark.testing.local.kubelet;

import dev.netmark.shim.cri.api.PodSandboxConfig;
import dev.netmark.shim.cri.api.PodSandboxStatusRequest;
import dev.netmark.shim.cri.api.RunPodSandboxRequest;
import dev.netmark.testing.local.api.MockQuirks;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

  private final NodeContext ctx;
  private final Pod pod;
  private final CompletableFuture<Void> deleted = new CompletableFuture<>();
  private final Instant start = Instant.now();
  private final FailureEvents events;

  PodWorker(NodeContext ctx, Pod pod) {
    this.ctx = ctx;
    this.pod = pod;
    this.events = new FailureEvents(ctx, pod);
  }

  /** Asks the worker to tear the pod down; returns at once. */
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
        LOG.info(
            "control pod {} failed to start (attempt {}): {}", name(), failures, e.getMessage());
        events.failed(e.getMessage());
        if (failures == 1) {
          writeStatus(
              PodStatuses.pending(pod, ctx.hostIp(), start, "ControlPodFailed", e.getMessage()));
        }
        if (awaitDeleted(ctx.backoff().delay(failures))) {
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
      writeStatus(PodStatuses.started(pod, ctx.hostIp(), ip, start, now, java.util.List.of(run)));
      awaitDeleted();
    } finally {
      ctx.controlPods().stop(ctx.node(), pod);
    }
  }

  private void runSandboxed() throws InterruptedException {
    PodSandboxConfig config = null;
    String sandboxId = null;
    for (int failures = 0; sandboxId == null; ) {
      if (deleted.isDone()) {
        return;
      }
      config = CriConfigs.sandbox(pod, failures, ctx.logRoot());
      try {
        sandboxId =
            ctx.cri()
                .runtime(CriClient.SANDBOX_DEADLINE)
                .runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(config).build())
                .getPodSandboxId();
      } catch (StatusRuntimeException e) {
        failures++;
        LOG.info("RunPodSandbox of {} failed (attempt {}): {}", name(), failures, e.getStatus());
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
        if (awaitDeleted(ctx.backoff().delay(failures))) {
          return;
        }
      }
    }
    Containers containers = new Containers(ctx, pod, sandboxId, config);
    try {
      String ip =
          ctx.cri()
              .runtime(CriClient.CALL_DEADLINE)
              .podSandboxStatus(
                  PodSandboxStatusRequest.newBuilder().setPodSandboxId(sandboxId).build())
              .getStatus()
              .getNetwork()
              .getIp();
      Instant ready;
      try {
        containers.startAll();
        ready = Instant.now();
      } catch (StatusRuntimeException e) {
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
      writeStatus(PodStatuses.started(pod, ctx.hostIp(), ip, start, ready, containers.runs()));
      while (!deleted.isDone()) {
        if (containers.awaitExit(deleted)) {
          writeStatus(PodStatuses.started(pod, ctx.hostIp(), ip, start, ready, containers.runs()));
        }
      }
    } finally {
      containers.stopAndRemove();
    }
  }

  private void awaitDeleted() throws InterruptedException {
    try {
      deleted.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the deletion signal never fails", e);
    }
  }

  /** Waits up to {@code d}; returns whether the pod was deleted meanwhile. */
  private boolean awaitDeleted(Duration d) throws InterruptedException {
    try {
      deleted.get(d.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("the deletion signal never fails", e);
    }
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
