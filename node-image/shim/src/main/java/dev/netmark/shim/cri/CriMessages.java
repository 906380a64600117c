package dev.netmark.shim.cri;

import dev.netmark.shim.cri.api.Container;
import dev.netmark.shim.cri.api.ContainerAttributes;
import dev.netmark.shim.cri.api.ContainerMetadata;
import dev.netmark.shim.cri.api.ContainerState;
import dev.netmark.shim.cri.api.ContainerStats;
import dev.netmark.shim.cri.api.ContainerStatus;
import dev.netmark.shim.cri.api.CpuUsage;
import dev.netmark.shim.cri.api.ImageSpec;
import dev.netmark.shim.cri.api.MemoryUsage;
import dev.netmark.shim.cri.api.PodSandbox;
import dev.netmark.shim.cri.api.PodSandboxMetadata;
import dev.netmark.shim.cri.api.PodSandboxNetworkStatus;
import dev.netmark.shim.cri.api.PodSandboxState;
import dev.netmark.shim.cri.api.PodSandboxStatus;
import dev.netmark.shim.cri.api.UInt64Value;
import dev.netmark.shim.state.ContainerEntry;
import dev.netmark.shim.state.PodIdentity;
import dev.netmark.shim.state.SandboxEntry;

/** The shim's state as CRI messages. */
final class CriMessages {
  private CriMessages() {}

  static PodSandbox sandbox(SandboxEntry s) {
    return PodSandbox.newBuilder()
        .setId(s.id())
        .setMetadata(metadata(s.pod()))
        .setState(state(s))
        .setCreatedAt(s.createdAtNanos())
        .putAllLabels(s.labels())
        .putAllAnnotations(s.annotations())
        .setRuntimeHandler(s.runtimeHandler())
        .build();
  }

  static PodSandboxStatus sandboxStatus(SandboxEntry s) {
    PodSandboxStatus.Builder b =
        PodSandboxStatus.newBuilder()
            .setId(s.id())
            .setMetadata(metadata(s.pod()))
            .setState(state(s))
            .setCreatedAt(s.createdAtNanos())
            .putAllLabels(s.labels())
            .putAllAnnotations(s.annotations())
            .setRuntimeHandler(s.runtimeHandler());
    // Like containerd: a stopped sandbox has released its IP, so none is reported.
    if (s.ready()) {
      b.setNetwork(PodSandboxNetworkStatus.newBuilder().setIp(s.ip()));
    }
    return b.build();
  }

  static Container container(ContainerEntry c) {
    return Container.newBuilder()
        .setId(c.id())
        .setPodSandboxId(c.sandboxId())
        .setMetadata(metadata(c))
        .setImage(ImageSpec.newBuilder().setImage(c.image()))
        .setImageRef(c.imageRef())
        .setImageId(c.imageRef())
        .setState(state(c))
        .setCreatedAt(c.createdAtNanos())
        .putAllLabels(c.labels())
        .putAllAnnotations(c.annotations())
        .build();
  }

  static ContainerStatus containerStatus(ContainerEntry c) {
    return ContainerStatus.newBuilder()
        .setId(c.id())
        .setMetadata(metadata(c))
        .setState(state(c))
        .setCreatedAt(c.createdAtNanos())
        .setStartedAt(c.startedAtNanos())
        .setFinishedAt(c.finishedAtNanos())
        .setExitCode(c.exitCode())
        .setImage(ImageSpec.newBuilder().setImage(c.image()))
        .setImageRef(c.imageRef())
        .setImageId(c.imageRef())
        .setReason(c.reason())
        .setMessage(c.message())
        .putAllLabels(c.labels())
        .putAllAnnotations(c.annotations())
        .setLogPath(c.logPath())
        .build();
  }

  /** Usage of a container that runs no process of its own: zero, measured now. */
  static ContainerStats containerStats(ContainerEntry c, long nowNanos) {
    return ContainerStats.newBuilder()
        .setAttributes(
            ContainerAttributes.newBuilder()
                .setId(c.id())
                .setMetadata(metadata(c))
                .putAllLabels(c.labels())
                .putAllAnnotations(c.annotations()))
        .setCpu(cpu(nowNanos))
        .setMemory(memory(nowNanos))
        .build();
  }

  static CpuUsage cpu(long nowNanos) {
    return CpuUsage.newBuilder()
        .setTimestamp(nowNanos)
        .setUsageCoreNanoSeconds(UInt64Value.getDefaultInstance())
        .setUsageNanoCores(UInt64Value.getDefaultInstance())
        .build();
  }

  static MemoryUsage memory(long nowNanos) {
    return MemoryUsage.newBuilder()
        .setTimestamp(nowNanos)
        .setWorkingSetBytes(UInt64Value.getDefaultInstance())
        .setUsageBytes(UInt64Value.getDefaultInstance())
        .build();
  }

  static PodSandboxMetadata metadata(PodIdentity pod) {
    return PodSandboxMetadata.newBuilder()
        .setName(pod.name())
        .setNamespace(pod.namespace())
        .setUid(pod.uid())
        .setAttempt(pod.attempt())
        .build();
  }

  private static ContainerMetadata metadata(ContainerEntry c) {
    return ContainerMetadata.newBuilder().setName(c.name()).setAttempt(c.attempt()).build();
  }

  private static PodSandboxState state(SandboxEntry s) {
    return s.ready() ? PodSandboxState.SANDBOX_READY : PodSandboxState.SANDBOX_NOTREADY;
  }

  private static ContainerState state(ContainerEntry c) {
    return switch (c.phase()) {
      case CREATED -> ContainerState.CONTAINER_CREATED;
      case RUNNING -> ContainerState.CONTAINER_RUNNING;
      case EXITED -> ContainerState.CONTAINER_EXITED;
    };
  }
}
