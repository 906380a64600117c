package dev.netmark.testing.local.kubelet;

import dev.netmark.shim.cri.CriClient;
import dev.netmark.shim.cri.api.ContainerConfig;
import dev.netmark.shim.cri.api.ContainerMetadata;
import dev.netmark.shim.cri.api.ContainerState;
import dev.netmark.shim.cri.api.ContainerStatusRequest;
import dev.netmark.shim.cri.api.CreateContainerRequest;
import dev.netmark.shim.cri.api.ImageSpec;
import dev.netmark.shim.cri.api.PodSandboxConfig;
import dev.netmark.shim.cri.api.PodSandboxStatusRequest;
import dev.netmark.shim.cri.api.PullImageRequest;
import dev.netmark.shim.cri.api.RemoveContainerRequest;
import dev.netmark.shim.cri.api.RemovePodSandboxRequest;
import dev.netmark.shim.cri.api.StartContainerRequest;
import dev.netmark.shim.cri.api.StopContainerRequest;
import dev.netmark.shim.cri.api.StopPodSandboxRequest;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The containers of one sandboxed pod, through CRI: start, follow exits, stop and remove. */
final class Containers {
  private static final Logger LOG = LoggerFactory.getLogger(Containers.class);
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  private final NodeContext ctx;
  private final Pod pod;
  private final String sandboxId;
  private final PodSandboxConfig config;
  private final List<ContainerRun> runs = new ArrayList<>();
  private final List<String> ids = new ArrayList<>();

  Containers(NodeContext ctx, Pod pod, String sandboxId, PodSandboxConfig config) {
    this.ctx = ctx;
    this.pod = pod;
    this.sandboxId = sandboxId;
    this.config = config;
  }

  /**
   * Pulls, creates and starts every container in order, as kubelet does. Resumable: after a failure
   * (the runtime restarting, say), a second call goes on with the container that failed and never
   * creates one twice.
   */
  void startAll() {
    List<Container> specs = pod.getSpec().getContainers();
    for (int i = runs.size(); i < specs.size(); i++) {
      Container c = specs.get(i);
      ImageSpec image = ImageSpec.newBuilder().setImage(CriConfigs.image(c)).build();
      String ref =
          ctx.cri()
              .images()
              .pullImage(
                  PullImageRequest.newBuilder().setImage(image).setSandboxConfig(config).build())
              .getImageRef();
      if (ids.size() == i) {
        String created = create(CriConfigs.container(pod, c));
        ids.add(created);
        if (canExit(c)) {
          ctx.pleg().exited(created);
        }
      }
      start(ids.get(i));
      runs.add(
          new ContainerRun(
              c.getName(),
              ref.isEmpty() ? CriConfigs.image(c) : ref,
              "netmark://" + ids.get(i),
              Instant.now(),
              null,
              null,
              null));
    }
  }

  /**
   * CreateContainer; when the runtime says the container exists, the answer of an earlier call was
   * lost (the shim made it, then was killed before it answered): the container is found in the
   * sandbox by its name and attempt and used, as kubelet learns it from its next relist. It is
   * looked up in PodSandboxStatus's container statuses, which the shim answers itself (a
   * ListContainers would be merged with the upstream runtime's, and local mode has none).
   */
  private String create(ContainerConfig container) {
    try {
      return ctx.cri()
          .runtime(CriClient.CALL_DEADLINE)
          .createContainer(
              CreateContainerRequest.newBuilder()
                  .setPodSandboxId(sandboxId)
                  .setConfig(container)
                  .setSandboxConfig(config)
                  .build())
          .getContainerId();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
        throw e;
      }
      ContainerMetadata wanted = container.getMetadata();
      return ctx
          .cri()
          .runtime(CriClient.CALL_DEADLINE)
          .podSandboxStatus(PodSandboxStatusRequest.newBuilder().setPodSandboxId(sandboxId).build())
          .getContainersStatusesList()
          .stream()
          .filter(x -> x.getMetadata().getName().equals(wanted.getName()))
          .filter(x -> x.getMetadata().getAttempt() == wanted.getAttempt())
          .map(x -> x.getId())
          .findFirst()
          .orElseThrow(() -> e);
    }
  }

  /**
   * StartContainer; a container the runtime refuses to start because it is running, or has run and
   * exited, was started by an earlier call whose answer was lost.
   */
  private void start(String id) {
    try {
      ctx.cri()
          .runtime(CriClient.CALL_DEADLINE)
          .startContainer(StartContainerRequest.newBuilder().setContainerId(id).build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.FAILED_PRECONDITION) {
        throw e;
      }
      ContainerState state =
          ctx.cri()
              .runtime(CriClient.CALL_DEADLINE)
              .containerStatus(ContainerStatusRequest.newBuilder().setContainerId(id).build())
              .getStatus()
              .getState();
      if (state != ContainerState.CONTAINER_RUNNING && state != ContainerState.CONTAINER_EXITED) {
        throw e;
      }
    }
  }

  /**
   * Whether the shim may report the container exited: only one with a command (the traffic model's
   * tools) ever does; a netperf pod's plain container runs until the pod is deleted.
   */
  static boolean canExit(Container c) {
    return (c.getCommand() != null && !c.getCommand().isEmpty())
        || (c.getArgs() != null && !c.getArgs().isEmpty());
  }

  List<ContainerRun> runs() {
    return List.copyOf(runs);
  }

  /**
   * Waits until a running container exits or {@code deleted} completes; returns whether a
   * container's state changed (read with ContainerStatus, for its exit code and message).
   */
  boolean awaitExit(CompletableFuture<Void> deleted) throws InterruptedException {
    List<CompletableFuture<?>> waits = new ArrayList<>(List.of(deleted));
    for (int i = 0; i < runs.size(); i++) {
      if (!runs.get(i).exited() && canExit(pod.getSpec().getContainers().get(i))) {
        waits.add(ctx.pleg().exited(ids.get(i)));
      }
    }
    try {
      CompletableFuture.anyOf(waits.toArray(CompletableFuture[]::new)).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("exit signals never fail", e);
    }
    boolean changed = false;
    for (int i = 0; i < runs.size(); i++) {
      ContainerRun r = runs.get(i);
      if (r.exited()
          || !canExit(pod.getSpec().getContainers().get(i))
          || !ctx.pleg().exited(ids.get(i)).isDone()) {
        continue;
      }
      var s =
          ctx.cri()
              .runtime(CriClient.CALL_DEADLINE)
              .containerStatus(
                  ContainerStatusRequest.newBuilder().setContainerId(ids.get(i)).build())
              .getStatus();
      if (s.getState() == ContainerState.CONTAINER_EXITED) {
        String msg = s.getMessage().isEmpty() ? null : s.getMessage();
        Instant at =
            s.getFinishedAt() > 0 ? Instant.ofEpochSecond(0, s.getFinishedAt()) : Instant.now();
        runs.set(i, r.exited(s.getExitCode(), at, msg));
        changed = true;
      }
    }
    return changed;
  }

  /** How a stop call waits for a runtime that is down (UNAVAILABLE: the shim restarting). */
  interface RuntimeWait {
    /**
     * Waits before the next attempt after {@code failures} consecutive ones.
     *
     * @return false when the node is shutting down: give the call up
     */
    boolean await(int failures, String why) throws InterruptedException;

    /**
     * Whether a call that failed {@code times} times in a row with the same status, other than
     * UNAVAILABLE, is given up instead of tried again: a CNI whose DEL keeps refusing will not
     * change its mind. No by default, as kubelet retries a pod's kill forever.
     */
    default boolean givesUp(int times) {
      return false;
    }
  }

  /**
   * kubelet's kill and garbage collection: stop containers and sandbox, then remove both. A call
   * the runtime cannot take now (UNAVAILABLE: its shim is restarting) is tried again after {@code
   * wait}, as kubelet retries a pod's kill at its next sync: a pod's CNI DEL runs in its shim.
   */
  void stopAndRemove(RuntimeWait wait) throws InterruptedException {
    ids.forEach(ctx.pleg()::forget);
    long grace =
        pod.getSpec().getTerminationGracePeriodSeconds() == null
            ? 30
            : pod.getSpec().getTerminationGracePeriodSeconds();
    for (String id : ids) {
      call(
          wait,
          "StopContainer " + id,
          () ->
              ctx.cri()
                  .runtime(CriClient.CALL_DEADLINE)
                  .stopContainer(
                      StopContainerRequest.newBuilder()
                          .setContainerId(id)
                          .setTimeout(grace)
                          .build()));
    }
    stopSandbox(ctx.cri(), sandboxId, wait, this::warn);
    for (String id : ids) {
      call(
          wait,
          "RemoveContainer " + id,
          () ->
              ctx.cri()
                  .runtime(CriClient.CALL_DEADLINE)
                  .removeContainer(RemoveContainerRequest.newBuilder().setContainerId(id).build()));
    }
    removeSandbox(ctx.cri(), sandboxId, wait, this::warn);
  }

  /** StopPodSandbox of {@code id}, retried as {@link #untilDone} says. */
  static void stopSandbox(
      CriClient cri,
      String id,
      RuntimeWait wait,
      java.util.function.BiConsumer<String, StatusRuntimeException> log) {
    untilDone(
        "StopPodSandbox " + id,
        () ->
            cri.runtime(CriClient.CALL_DEADLINE)
                .stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(id).build()),
        wait,
        log);
  }

  /** RemovePodSandbox of {@code id}, retried as {@link #untilDone} says. */
  static void removeSandbox(
      CriClient cri,
      String id,
      RuntimeWait wait,
      java.util.function.BiConsumer<String, StatusRuntimeException> log) {
    untilDone(
        "RemovePodSandbox " + id,
        () ->
            cri.runtime(CriClient.CALL_DEADLINE)
                .removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(id).build()),
        wait,
        log);
  }

  /**
   * A container call: tried again after {@code wait} while the runtime is UNAVAILABLE (its shim is
   * restarting); any other failure is logged and left to the sandbox calls, which stop and remove
   * the containers as well.
   */
  private void call(RuntimeWait wait, String what, Runnable call) throws InterruptedException {
    for (int failures = 1; ; failures++) {
      try {
        call.run();
        return;
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == Status.Code.UNAVAILABLE
            && wait.await(failures, what + " waiting for the runtime")) {
          continue;
        }
        warn(what, e);
        return;
      }
    }
  }

  /**
   * A sandbox call, retried after {@code wait} until it succeeds, as kubelet's next syncs do for a
   * pod being killed: a shim that restarts while the pod is deleted must still get its
   * StopPodSandbox (the CNI DEL) and RemovePodSandbox (the namespace), or both leak. Stops at
   * NOT_FOUND (the runtime has no such sandbox), when {@code wait} says the node is shutting down
   * and when the thread is interrupted (the cluster's teardown, which DELs what is left itself),
   * and when {@code wait} gives up a call that keeps failing the same way. Logs a failure when its
   * status code changes, not every attempt.
   *
   * @return the failed attempts before the one that succeeded
   */
  static int untilDone(
      String what,
      Runnable call,
      RuntimeWait wait,
      java.util.function.BiConsumer<String, StatusRuntimeException> log) {
    Status last = null;
    int sameInARow = 0;
    for (int failures = 0; ; failures++) {
      try {
        call.run();
        return failures;
      } catch (StatusRuntimeException e) {
        Status status = e.getStatus();
        Status.Code code = status.getCode();
        if (last == null || code != last.getCode()) {
          log.accept(what + (failures > 0 ? " (attempt " + (failures + 1) + ")" : ""), e);
        }
        sameInARow = sameAs(last, status) ? sameInARow + 1 : 1;
        last = status;
        if (code == Status.Code.NOT_FOUND) {
          return failures; // the runtime no longer has it: as kubelet, nothing left to do
        }
        if (code != Status.Code.UNAVAILABLE && wait.givesUp(sameInARow)) {
          log.accept(what + " given up after " + sameInARow + " identical failures", e);
          return failures + 1;
        }
        try {
          if (!wait.await(failures + 1, what + " waiting for the runtime")) {
            return failures + 1;
          }
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
          return failures + 1;
        }
      }
    }
  }

  // The same code and message up to its numbers: a CNI error names how long the call took.
  private static boolean sameAs(Status last, Status now) {
    return last != null
        && last.getCode() == now.getCode()
        && withoutNumbers(last).equals(withoutNumbers(now));
  }

  private static String withoutNumbers(Status s) {
    return s.getDescription() == null ? "" : DIGITS.matcher(s.getDescription()).replaceAll("#");
  }

  private void warn(String what, StatusRuntimeException e) {
    LOG.warn(
        "{} of pod {}/{} failed: {}",
        what,
        pod.getMetadata().getNamespace(),
        pod.getMetadata().getName(),
        e.getStatus());
  }
}
