package dev.netmark.shim.cri;

import dev.netmark.contract.MetricNames;
import dev.netmark.shim.app.AppCommand;
import dev.netmark.shim.app.AppParser;
import dev.netmark.shim.app.AppRequest;
import dev.netmark.shim.cri.api.ContainerConfig;
import dev.netmark.shim.cri.api.CreateContainerRequest;
import dev.netmark.shim.metrics.TrafficKeys;
import dev.netmark.shim.state.ContainerEntry;
import dev.netmark.shim.state.ContainerPhase;
import dev.netmark.shim.state.Ids;
import dev.netmark.shim.state.SandboxEntry;
import dev.netmark.shim.traffic.TrafficCommand;
import dev.netmark.shim.traffic.TrafficExit;
import dev.netmark.shim.traffic.TrafficParser;
import dev.netmark.shim.traffic.TrafficRefusedException;
import dev.netmark.shim.traffic.TrafficRequest;
import io.grpc.Status;
import io.grpc.StatusException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Containers of netperf sandboxes. No image or process exists for them: a container is CREATED,
 * RUNNING once started, EXITED when stopped (code 0) or when its traffic command ends (the tool's
 * code). A container without a command runs until stopped; a {@code netmark-serve} or {@code
 * netmark-call} container serves or calls from the shim's app loop until stopped (a call with a
 * duration exits 0 when done); one whose command is not allow-listed exits at once with code 126
 * and the refusal in its status message.
 */
final class ContainerService {
  private final NetperfNode node;
  private final ImageRefs images;

  ContainerService(NetperfNode node, ImageRefs images) {
    this.node = node;
    this.images = images;
  }

  String create(SandboxEntry sandbox, CreateContainerRequest request) throws StatusException {
    ContainerConfig c = request.getConfig();
    String name = c.getMetadata().getName();
    if (name.isEmpty()) {
      throw Statuses.error(Status.INVALID_ARGUMENT, "CreateContainer: the container has no name");
    }
    if (!sandbox.ready()) {
      throw Statuses.error(
          Status.FAILED_PRECONDITION,
          "CreateContainer: sandbox " + sandbox.id() + " is not ready (it was stopped)");
    }
    int attempt = c.getMetadata().getAttempt();
    boolean taken =
        sandbox.containers().stream()
            .anyMatch(x -> x.name().equals(name) && x.attempt() == attempt);
    if (taken) {
      throw Statuses.error(
          Status.ALREADY_EXISTS,
          "CreateContainer: "
              + name
              + " attempt "
              + attempt
              + " exists in sandbox "
              + sandbox.id());
    }
    String image = c.getImage().getImage();
    String ref = images.nameOf(image).isPresent() ? image : images.refFor(image);
    String imageName = images.nameOf(ref).orElse(image);
    ContainerEntry entry =
        new ContainerEntry(
            Ids.newId(),
            sandbox.id(),
            name,
            attempt,
            imageName,
            ref,
            c.getLabelsMap(),
            c.getAnnotationsMap(),
            c.getCommandList(),
            c.getArgsList(),
            c.getLogPath(),
            ContainerPhase.CREATED,
            EpochNanos.now(),
            0,
            0,
            0,
            "",
            "");
    node.state()
        .update(sandbox.id(), s -> s.withContainers(append(s, entry)))
        .orElseThrow(() -> gone(sandbox.id()));
    return entry.id();
  }

  void start(SandboxEntry sandbox, ContainerEntry c) throws StatusException {
    if (c.phase() != ContainerPhase.CREATED) {
      throw Statuses.error(
          Status.FAILED_PRECONDITION, "StartContainer: container " + c.id() + " is " + c.phase());
    }
    set(sandbox, c.id(), c.running(EpochNanos.now()));
    if (c.command().isEmpty() && c.args().isEmpty()) {
      return;
    }
    TrafficCommand command;
    try {
      Optional<AppCommand> app = AppParser.parse(c.command(), c.args());
      if (app.isPresent()) {
        startApp(sandbox, c, app.get());
        return;
      }
      command = TrafficParser.parse(c.command(), c.args());
    } catch (TrafficRefusedException e) {
      node.recorder()
          .traffic(
              SandboxTeardown.ref(sandbox.pod()),
              sandbox.ip(),
              sandbox.addAttempt(),
              Map.of(TrafficKeys.EXIT_CODE, (double) TrafficExit.NOT_RUN),
              e.getMessage());
      exit(
          sandbox.id(),
          c.id(),
          EpochNanos.now(),
          TrafficExit.NOT_RUN,
          "refused: " + e.getMessage());
      return;
    }
    TrafficRequest run =
        new TrafficRequest(
            SandboxTeardown.ref(sandbox.pod()),
            c.id(),
            Path.of(sandbox.netnsPath()),
            sandbox.ip(),
            sandbox.addAttempt(),
            command);
    node.traffic().start(run).exit().thenAccept(x -> exitWith(sandbox, c, x));
  }

  /** Serving or calling: no process, the shim's app loop does it until the container stops. */
  private void startApp(SandboxEntry sandbox, ContainerEntry c, AppCommand command) {
    AppRequest run =
        new AppRequest(
            SandboxTeardown.ref(sandbox.pod()),
            c.id(),
            Path.of(sandbox.netnsPath()),
            sandbox.ip(),
            sandbox.addAttempt(),
            sandbox.labels().get(MetricNames.TIER_LABEL),
            command);
    node.apps().start(run).exit().thenAccept(x -> exitWith(sandbox, c, x));
  }

  private void exitWith(SandboxEntry sandbox, ContainerEntry c, TrafficExit x) {
    exit(sandbox.id(), c.id(), EpochNanos.ofMillis(x.finishedWallMs()), x.exitCode(), x.reason());
  }

  void stop(SandboxEntry sandbox, ContainerEntry c) {
    node.traffic().stop(c.id());
    node.apps().stop(c.id());
    if (c.phase() != ContainerPhase.EXITED) {
      set(sandbox, c.id(), c.exited(EpochNanos.now(), 0, "Completed", ""));
    }
  }

  void remove(SandboxEntry sandbox, ContainerEntry c) {
    node.traffic().forget(c.id());
    node.apps().forget(c.id());
    node.state()
        .update(
            sandbox.id(),
            s ->
                s.withContainers(
                    s.containers().stream().filter(x -> !x.id().equals(c.id())).toList()));
  }

  /** The end of a traffic run; a container stopped meanwhile keeps its stop. */
  private void exit(String sandboxId, String containerId, long at, int code, String detail) {
    node.state()
        .update(
            sandboxId,
            s ->
                s.withContainer(
                    containerId,
                    x ->
                        x.phase() == ContainerPhase.RUNNING
                            ? x.exited(at, code, code == 0 ? "Completed" : "Error", detail)
                            : x));
  }

  private void set(SandboxEntry sandbox, String containerId, ContainerEntry next) {
    node.state().update(sandbox.id(), s -> s.withContainer(containerId, x -> next));
  }

  private static java.util.List<ContainerEntry> append(SandboxEntry s, ContainerEntry c) {
    var all = new java.util.ArrayList<>(s.containers());
    all.add(c);
    return all;
  }

  private static StatusException gone(String sandboxId) {
    return Statuses.error(Status.NOT_FOUND, "sandbox " + sandboxId + " was removed meanwhile");
  }
}
