package dev.netmark.shim.state;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A container of a netperf sandbox. Nothing runs for it except, optionally, the traffic command.
 *
 * @param id the container id the shim handed out (64 hex chars)
 * @param sandboxId its sandbox
 * @param name the container name from kubelet's metadata
 * @param attempt kubelet's attempt number for this name
 * @param image the image as kubelet asked for it
 * @param imageRef the reference the shim answered PullImage with
 * @param labels the container labels, echoed back
 * @param annotations the container annotations, echoed back
 * @param command the command, as given
 * @param args the arguments, as given
 * @param logPath the log path relative to the sandbox log directory
 * @param phase created, running or exited
 * @param createdAtNanos creation time, epoch nanoseconds
 * @param startedAtNanos start time, epoch nanoseconds, 0 before StartContainer
 * @param finishedAtNanos exit time, epoch nanoseconds, 0 until exited
 * @param exitCode the exit code once exited
 * @param reason kubelet's short CamelCase reason once exited ({@code Completed}, {@code Error})
 * @param message a human-readable detail, or empty
 */
public record ContainerEntry(
    String id,
    String sandboxId,
    String name,
    int attempt,
    String image,
    String imageRef,
    Map<String, String> labels,
    Map<String, String> annotations,
    List<String> command,
    List<String> args,
    String logPath,
    ContainerPhase phase,
    long createdAtNanos,
    long startedAtNanos,
    long finishedAtNanos,
    int exitCode,
    String reason,
    String message) {
  public ContainerEntry {
    Ids.requireValid(id);
    Ids.requireValid(sandboxId);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(phase, "phase");
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
    command = List.copyOf(command);
    args = List.copyOf(args);
    image = Objects.requireNonNullElse(image, "");
    imageRef = Objects.requireNonNullElse(imageRef, "");
    logPath = Objects.requireNonNullElse(logPath, "");
    reason = Objects.requireNonNullElse(reason, "");
    message = Objects.requireNonNullElse(message, "");
  }

  /** Started now. */
  public ContainerEntry running(long epochNanos) {
    return new ContainerEntry(
        id,
        sandboxId,
        name,
        attempt,
        image,
        imageRef,
        labels,
        annotations,
        command,
        args,
        logPath,
        ContainerPhase.RUNNING,
        createdAtNanos,
        epochNanos,
        0,
        0,
        "",
        "");
  }

  /** Exited with {@code code}; a container that never started gets its start time too. */
  public ContainerEntry exited(long epochNanos, int code, String why, String detail) {
    long started = startedAtNanos == 0 ? epochNanos : startedAtNanos;
    return new ContainerEntry(
        id,
        sandboxId,
        name,
        attempt,
        image,
        imageRef,
        labels,
        annotations,
        command,
        args,
        logPath,
        ContainerPhase.EXITED,
        createdAtNanos,
        started,
        epochNanos,
        code,
        why,
        detail);
  }
}
