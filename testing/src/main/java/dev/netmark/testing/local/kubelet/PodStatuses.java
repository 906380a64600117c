package dev.netmark.testing.local.kubelet;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The pod statuses kubelet writes: pending while the sandbox is being created, then running. */
final class PodStatuses {
  private PodStatuses() {}

  /** Pending, containers waiting in {@code ContainerCreating}; {@code message} says why. */
  static PodStatus pending(Pod pod, String hostIp, Instant start, String reason, String message) {
    List<ContainerStatus> containers = new ArrayList<>();
    for (var c : pod.getSpec().getContainers()) {
      containers.add(
          new ContainerStatusBuilder()
              .withName(c.getName())
              .withImage(CriConfigs.image(c))
              .withImageID("")
              .withReady(false)
              .withStarted(false)
              .withRestartCount(0)
              .withNewState()
              .withNewWaiting()
              .withReason("ContainerCreating")
              .endWaiting()
              .endState()
              .build());
    }
    return new PodStatusBuilder()
        .withPhase("Pending")
        .withHostIP(hostIp)
        .withHostIPs(new HostIP(hostIp))
        .withStartTime(time(start))
        .withQosClass("BestEffort")
        .withConditions(
            condition("PodScheduled", true, start, null, null),
            condition("PodReadyToStartContainers", false, start, reason, message),
            condition("Initialized", true, start, null, null),
            condition("ContainersReady", false, start, "ContainersNotReady", message),
            condition("Ready", false, start, "ContainersNotReady", message))
        .withContainerStatuses(containers)
        .build();
  }

  /**
   * Running (or finished, once every container exited: Succeeded when all exited 0 and the pod does
   * not restart them, Failed when one failed under {@code restartPolicy: Never}).
   */
  static PodStatus started(
      Pod pod,
      String hostIp,
      String podIp,
      Instant start,
      Instant readyAt,
      List<ContainerRun> runs) {
    boolean allExited = !runs.isEmpty() && runs.stream().allMatch(ContainerRun::exited);
    boolean anyExited = runs.stream().anyMatch(ContainerRun::exited);
    boolean allZero = runs.stream().allMatch(r -> r.exited() && r.exitCode() == 0);
    String policy =
        pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
    String phase = "Running";
    if (allExited && allZero && !policy.equals("Always")) {
      phase = "Succeeded";
    } else if (allExited && !allZero && policy.equals("Never")) {
      phase = "Failed";
    }
    boolean ready = !anyExited;
    Instant readyChange =
        ready
            ? readyAt
            : runs.stream()
                .filter(ContainerRun::exited)
                .map(ContainerRun::finishedAt)
                .max(Instant::compareTo)
                .orElse(readyAt);
    List<ContainerStatus> containers = new ArrayList<>();
    for (ContainerRun r : runs) {
      var b =
          new ContainerStatusBuilder()
              .withName(r.name())
              .withImage(r.image())
              .withImageID(r.image())
              .withContainerID(r.containerId())
              .withReady(!r.exited())
              .withStarted(!r.exited())
              .withRestartCount(0);
      if (r.exited()) {
        b.withNewState()
            .withNewTerminated()
            .withExitCode(r.exitCode())
            .withReason(r.exitCode() == 0 ? "Completed" : "Error")
            .withMessage(r.message())
            .withStartedAt(time(r.startedAt()))
            .withFinishedAt(time(r.finishedAt()))
            .withContainerID(r.containerId())
            .endTerminated()
            .endState();
      } else {
        b.withNewState()
            .withNewRunning()
            .withStartedAt(time(r.startedAt()))
            .endRunning()
            .endState();
      }
      containers.add(b.build());
    }
    String notReady = ready ? null : "PodCompleted";
    return new PodStatusBuilder()
        .withPhase(phase)
        .withHostIP(hostIp)
        .withHostIPs(new HostIP(hostIp))
        .withPodIP(podIp)
        .withPodIPs(new PodIP(podIp))
        .withStartTime(time(start))
        .withQosClass("BestEffort")
        .withConditions(
            condition("PodScheduled", true, start, null, null),
            condition("PodReadyToStartContainers", true, readyAt, null, null),
            condition("Initialized", true, start, null, null),
            condition("ContainersReady", ready, readyChange, notReady, null),
            condition("Ready", ready, readyChange, notReady, null))
        .withContainerStatuses(containers)
        .build();
  }

  private static PodCondition condition(
      String type, boolean status, Instant at, String reason, String message) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withLastTransitionTime(time(at))
        .withReason(reason)
        .withMessage(message)
        .build();
  }

  /** Kubernetes' timestamp format: RFC 3339, whole seconds, UTC. */
  static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
