package dev.netmark.shim.cri;

import dev.netmark.shim.cri.api.ListPodSandboxRequest;
import dev.netmark.shim.cri.api.ListPodSandboxResponse;
import dev.netmark.shim.cri.api.PodSandboxFilter;
import dev.netmark.shim.cri.api.PodSandboxStatusRequest;
import dev.netmark.shim.cri.api.PodSandboxStatusResponse;
import dev.netmark.shim.cri.api.PortForwardRequest;
import dev.netmark.shim.cri.api.RemovePodSandboxRequest;
import dev.netmark.shim.cri.api.RemovePodSandboxResponse;
import dev.netmark.shim.cri.api.RunPodSandboxRequest;
import dev.netmark.shim.cri.api.RunPodSandboxResponse;
import dev.netmark.shim.cri.api.RuntimeServiceGrpc;
import dev.netmark.shim.cri.api.StopPodSandboxRequest;
import dev.netmark.shim.cri.api.StopPodSandboxResponse;
import dev.netmark.shim.cri.api.UpdatePodSandboxResourcesRequest;
import dev.netmark.shim.cri.api.UpdatePodSandboxResourcesResponse;
import dev.netmark.shim.state.SandboxEntry;
import io.grpc.Status;
import io.grpc.StatusException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Sandbox methods of RuntimeService: the shim's sandboxes are answered here, others forwarded. */
final class SandboxRoutes {
  private final NetperfNode node;
  private final SandboxService sandboxes;
  private final SandboxTeardown teardown;
  private final Path upstream;

  SandboxRoutes(
      NetperfNode node, SandboxService sandboxes, SandboxTeardown teardown, Path upstream) {
    this.node = node;
    this.sandboxes = sandboxes;
    this.teardown = teardown;
    this.upstream = upstream;
  }

  void addTo(Map<String, UnaryRoute> routes) {
    routes.put(RuntimeServiceGrpc.getRunPodSandboxMethod().getFullMethodName(), this::run);
    routes.put(RuntimeServiceGrpc.getStopPodSandboxMethod().getFullMethodName(), this::stop);
    routes.put(RuntimeServiceGrpc.getRemovePodSandboxMethod().getFullMethodName(), this::remove);
    routes.put(RuntimeServiceGrpc.getPodSandboxStatusMethod().getFullMethodName(), this::status);
    routes.put(RuntimeServiceGrpc.getListPodSandboxMethod().getFullMethodName(), this::list);
    routes.put(
        RuntimeServiceGrpc.getUpdatePodSandboxResourcesMethod().getFullMethodName(), this::update);
    routes.put(RuntimeServiceGrpc.getPortForwardMethod().getFullMethodName(), this::portForward);
  }

  private Reply run(byte[] bytes) throws StatusException {
    var req = Statuses.parse(RunPodSandboxRequest.parser(), bytes, "RunPodSandbox");
    if (!NetperfLabel.isNetperf(req.getConfig())) {
      return Reply.forward();
    }
    String id = sandboxes.run(req);
    return Reply.local(RunPodSandboxResponse.newBuilder().setPodSandboxId(id).build());
  }

  private Reply stop(byte[] bytes) throws StatusException {
    var req = Statuses.parse(StopPodSandboxRequest.parser(), bytes, "StopPodSandbox");
    if (owned(req.getPodSandboxId()).isEmpty()) {
      return Reply.forward();
    }
    teardown.stop(req.getPodSandboxId());
    return Reply.local(StopPodSandboxResponse.getDefaultInstance());
  }

  private Reply remove(byte[] bytes) throws StatusException {
    var req = Statuses.parse(RemovePodSandboxRequest.parser(), bytes, "RemovePodSandbox");
    if (owned(req.getPodSandboxId()).isEmpty()) {
      return Reply.forward();
    }
    teardown.remove(req.getPodSandboxId());
    return Reply.local(RemovePodSandboxResponse.getDefaultInstance());
  }

  private Reply status(byte[] bytes) throws StatusException {
    var req = Statuses.parse(PodSandboxStatusRequest.parser(), bytes, "PodSandboxStatus");
    Optional<SandboxEntry> s = owned(req.getPodSandboxId());
    if (s.isEmpty()) {
      return Reply.forward();
    }
    var b =
        PodSandboxStatusResponse.newBuilder()
            .setStatus(CriMessages.sandboxStatus(s.get()))
            .setTimestamp(EpochNanos.now());
    s.get().containers().forEach(c -> b.addContainersStatuses(CriMessages.containerStatus(c)));
    if (req.getVerbose()) {
      b.putInfo("netmark", VerboseInfo.of(s.get()));
    }
    return Reply.local(b.build());
  }

  /**
   * The runtime's sandboxes and the shim's own that match the filter; only the shim's own when no
   * runtime is configured (no socket at the upstream path: local mode), so kubelet still finds a
   * netperf sandbox whose RunPodSandbox answer it lost. A runtime that is down but configured still
   * fails the call: an OK answer without its sandboxes would tell kubelet they are gone.
   */
  private Reply list(byte[] bytes) throws StatusException {
    return list(bytes, () -> node.state().sandboxes(), upstream);
  }

  static Reply list(byte[] bytes, Supplier<Collection<SandboxEntry>> own, Path upstream)
      throws StatusException {
    var filter =
        Statuses.parse(ListPodSandboxRequest.parser(), bytes, "ListPodSandbox").getFilter();
    if (!Files.exists(upstream)) {
      return new Reply.Local(add(own.get(), filter, ListPodSandboxResponse.newBuilder()));
    }
    return Reply.forwardAndMerge(
        answer -> add(own.get(), filter, ListPodSandboxResponse.newBuilder(parseList(answer))));
  }

  private static byte[] add(
      Collection<SandboxEntry> own,
      PodSandboxFilter filter,
      ListPodSandboxResponse.Builder answer) {
    own.stream()
        .map(CriMessages::sandbox)
        .filter(s -> Filters.matches(filter, s))
        .forEach(answer::addItems);
    return answer.build().toByteArray();
  }

  private Reply update(byte[] bytes) throws StatusException {
    var req =
        Statuses.parse(
            UpdatePodSandboxResourcesRequest.parser(), bytes, "UpdatePodSandboxResources");
    // Nothing runs in a netperf sandbox, so there are no cgroups to resize.
    return owned(req.getPodSandboxId()).isEmpty()
        ? Reply.forward()
        : Reply.local(UpdatePodSandboxResourcesResponse.getDefaultInstance());
  }

  private Reply portForward(byte[] bytes) throws StatusException {
    var req = Statuses.parse(PortForwardRequest.parser(), bytes, "PortForward");
    if (owned(req.getPodSandboxId()).isEmpty()) {
      return Reply.forward();
    }
    throw Statuses.error(
        Status.UNIMPLEMENTED,
        "PortForward is not supported for netperf sandbox "
            + req.getPodSandboxId()
            + ": nothing listens in it");
  }

  private Optional<SandboxEntry> owned(String id) {
    return node.state().sandbox(id);
  }

  private static ListPodSandboxResponse parseList(byte[] upstream) {
    try {
      return ListPodSandboxResponse.parseFrom(upstream);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException("upstream ListPodSandbox answer is malformed", e);
    }
  }
}
