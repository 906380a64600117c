package dev.netmark.shim.state;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A netperf pod sandbox the shim created, with everything needed to answer kubelet and to undo it
 * after a restart: its network namespace and the final result of its CNI ADD.
 *
 * @param id the sandbox id (64 hex chars)
 * @param pod who the pod is (kubelet's sandbox metadata)
 * @param labels the sandbox labels, echoed back
 * @param annotations the sandbox annotations, echoed back unchanged
 * @param runtimeHandler the runtime handler kubelet asked for
 * @param createdAtNanos creation time, epoch nanoseconds
 * @param netnsPath the pod's network namespace file
 * @param ip the pod IP from the CNI result
 * @param cniResultJson the final ADD result, as the plugins returned it
 * @param capabilityArgs the CNI {@code runtimeConfig} values of the ADD, needed again for DEL
 * @param addAttempt the ADD attempt (per pod UID, from 1) that created it
 * @param ready false once StopPodSandbox ran (SANDBOX_NOTREADY)
 * @param networkDeleted whether CNI DEL has completed for it
 * @param containers its containers, in creation order
 */
public record SandboxEntry(
    String id,
    PodIdentity pod,
    Map<String, String> labels,
    Map<String, String> annotations,
    String runtimeHandler,
    long createdAtNanos,
    String netnsPath,
    String ip,
    String cniResultJson,
    Map<String, Object> capabilityArgs,
    int addAttempt,
    boolean ready,
    boolean networkDeleted,
    List<ContainerEntry> containers) {
  public SandboxEntry {
    Ids.requireValid(id);
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(netnsPath, "netnsPath");
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
    runtimeHandler = Objects.requireNonNullElse(runtimeHandler, "");
    ip = Objects.requireNonNullElse(ip, "");
    cniResultJson = Objects.requireNonNullElse(cniResultJson, "");
    capabilityArgs = capabilityArgs == null ? Map.of() : Map.copyOf(capabilityArgs);
    containers = List.copyOf(containers);
  }

  /** Stopped: not ready, network torn down when {@code deleted}. */
  public SandboxEntry stopped(boolean deleted) {
    return new SandboxEntry(
        id,
        pod,
        labels,
        annotations,
        runtimeHandler,
        createdAtNanos,
        netnsPath,
        ip,
        cniResultJson,
        capabilityArgs,
        addAttempt,
        false,
        deleted,
        containers);
  }

  /** With other containers. */
  public SandboxEntry withContainers(List<ContainerEntry> newContainers) {
    return new SandboxEntry(
        id,
        pod,
        labels,
        annotations,
        runtimeHandler,
        createdAtNanos,
        netnsPath,
        ip,
        cniResultJson,
        capabilityArgs,
        addAttempt,
        ready,
        networkDeleted,
        newContainers);
  }

  /** With container {@code containerId} replaced by {@code change} applied to it. */
  public SandboxEntry withContainer(String containerId, UnaryOperator<ContainerEntry> change) {
    return withContainers(
        containers.stream().map(c -> c.id().equals(containerId) ? change.apply(c) : c).toList());
  }
}
