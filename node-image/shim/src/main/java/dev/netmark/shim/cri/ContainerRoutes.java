package dev.netmark.shim.cri;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.netmark.shim.cri.api.ContainerStatusRequest;
import dev.netmark.shim.cri.api.ContainerStatusResponse;
import dev.netmark.shim.cri.api.CreateContainerRequest;
import dev.netmark.shim.cri.api.CreateContainerResponse;
import dev.netmark.shim.cri.api.ListContainersRequest;
import dev.netmark.shim.cri.api.ListContainersResponse;
import dev.netmark.shim.cri.api.RemoveContainerRequest;
import dev.netmark.shim.cri.api.RemoveContainerResponse;
import dev.netmark.shim.cri.api.ReopenContainerLogRequest;
import dev.netmark.shim.cri.api.ReopenContainerLogResponse;
import dev.netmark.shim.cri.api.RuntimeServiceGrpc;
import dev.netmark.shim.cri.api.StartContainerRequest;
import dev.netmark.shim.cri.api.StartContainerResponse;
import dev.netmark.shim.cri.api.StopContainerRequest;
import dev.netmark.shim.cri.api.StopContainerResponse;
import dev.netmark.shim.cri.api.UpdateContainerResourcesRequest;
import dev.netmark.shim.cri.api.UpdateContainerResourcesResponse;
import dev.netmark.shim.state.ContainerEntry;
import dev.netmark.shim.state.SandboxEntry;
import io.grpc.Status;
import io.grpc.StatusException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Container methods of RuntimeService: the shim's containers are answered here, others forwarded.
 */
final class ContainerRoutes {
  private final NetperfNode node;
  private final ContainerService containers;
  private final Path upstream;

  ContainerRoutes(NetperfNode node, ContainerService containers, Path upstream) {
    this.node = node;
    this.containers = containers;
    this.upstream = upstream;
  }

  void addTo(Map<String, UnaryRoute> routes) {
    routes.put(RuntimeServiceGrpc.getCreateContainerMethod().getFullMethodName(), this::create);
    routes.put(RuntimeServiceGrpc.getListContainersMethod().getFullMethodName(), this::list);
    owned(
        routes,
        RuntimeServiceGrpc.getStartContainerMethod().getFullMethodName(),
        b -> StartContainerRequest.parseFrom(b).getContainerId(),
        (s, c) -> {
          containers.start(s, c);
          return StartContainerResponse.getDefaultInstance().toByteArray();
        });
    owned(
        routes,
        RuntimeServiceGrpc.getStopContainerMethod().getFullMethodName(),
        b -> StopContainerRequest.parseFrom(b).getContainerId(),
        (s, c) -> {
          containers.stop(s, c);
          return StopContainerResponse.getDefaultInstance().toByteArray();
        });
    owned(
        routes,
        RuntimeServiceGrpc.getRemoveContainerMethod().getFullMethodName(),
        b -> RemoveContainerRequest.parseFrom(b).getContainerId(),
        (s, c) -> {
          containers.remove(s, c);
          return RemoveContainerResponse.getDefaultInstance().toByteArray();
        });
    owned(
        routes,
        RuntimeServiceGrpc.getContainerStatusMethod().getFullMethodName(),
        b -> ContainerStatusRequest.parseFrom(b).getContainerId(),
        (s, c) ->
            ContainerStatusResponse.newBuilder()
                .setStatus(CriMessages.containerStatus(c))
                .build()
                .toByteArray());
    // No cgroups and no log file exist for these containers: both succeed without effect.
    owned(
        routes,
        RuntimeServiceGrpc.getUpdateContainerResourcesMethod().getFullMethodName(),
        b -> UpdateContainerResourcesRequest.parseFrom(b).getContainerId(),
        (s, c) -> UpdateContainerResourcesResponse.getDefaultInstance().toByteArray());
    owned(
        routes,
        RuntimeServiceGrpc.getReopenContainerLogMethod().getFullMethodName(),
        b -> ReopenContainerLogRequest.parseFrom(b).getContainerId(),
        (s, c) -> ReopenContainerLogResponse.getDefaultInstance().toByteArray());
  }

  private Reply create(byte[] bytes) throws StatusException {
    var req = Statuses.parse(CreateContainerRequest.parser(), bytes, "CreateContainer");
    var sandbox = node.state().sandbox(req.getPodSandboxId());
    if (sandbox.isEmpty()) {
      return Reply.forward();
    }
    String id = containers.create(sandbox.get(), req);
    return Reply.local(CreateContainerResponse.newBuilder().setContainerId(id).build());
  }

  private Reply list(byte[] bytes) throws StatusException {
    var filter =
        Statuses.parse(ListContainersRequest.parser(), bytes, "ListContainers").getFilter();
    return Reply.forwardAndMerge(
        upstream -> {
          ListContainersResponse.Builder merged;
          try {
            merged = ListContainersResponse.parseFrom(upstream).toBuilder();
          } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("upstream ListContainers answer is malformed", e);
          }
          node.state().sandboxes().stream()
              .flatMap(s -> s.containers().stream())
              .map(CriMessages::container)
              .filter(c -> Filters.matches(filter, c))
              .forEach(merged::addContainers);
          return merged.build().toByteArray();
        });
  }

  /** Answers a request about one of the shim's containers. */
  @FunctionalInterface
  private interface Answer {
    byte[] answer(SandboxEntry sandbox, ContainerEntry container) throws StatusException;
  }

  private void owned(
      Map<String, UnaryRoute> routes, String method, ContainerIds.IdOf idOf, Answer answer) {
    routes.put(
        method,
        bytes -> {
          String id = ContainerIds.of(idOf, bytes, method);
          var sandbox = node.state().sandboxOfContainer(id);
          var container = node.state().container(id);
          if (sandbox.isEmpty() || container.isEmpty()) {
            return unknown(id, upstream);
          }
          return new Reply.Local(answer.answer(sandbox.get(), container.get()));
        });
  }

  /**
   * A call about a container the shim does not have: forwarded to the runtime or, when none is
   * configured (no socket at the upstream path: local mode), NOT_FOUND, as a runtime answers for an
   * id it does not know. Forwarded there, it failed UNAVAILABLE for good: a shim killed after it
   * removed a container but before it answered made kubelet retry RemoveContainer until teardown,
   * so the pod never got its RemovePodSandbox and its namespace leaked.
   */
  static Reply unknown(String id, Path upstream) throws StatusException {
    if (Files.exists(upstream)) {
      return Reply.forward();
    }
    throw Statuses.error(
        Status.NOT_FOUND,
        "container \""
            + id
            + "\" not found (the shim does not have it and no runtime is configured)");
  }
}
