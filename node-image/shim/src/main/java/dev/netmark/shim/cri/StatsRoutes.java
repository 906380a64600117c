package dev.netmark.shim.cri;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.netmark.shim.cri.api.ContainerStatsRequest;
import dev.netmark.shim.cri.api.ContainerStatsResponse;
import dev.netmark.shim.cri.api.LinuxPodSandboxStats;
import dev.netmark.shim.cri.api.ListContainerStatsRequest;
import dev.netmark.shim.cri.api.ListContainerStatsResponse;
import dev.netmark.shim.cri.api.ListPodSandboxStatsRequest;
import dev.netmark.shim.cri.api.ListPodSandboxStatsResponse;
import dev.netmark.shim.cri.api.PodSandboxAttributes;
import dev.netmark.shim.cri.api.PodSandboxStats;
import dev.netmark.shim.cri.api.PodSandboxStatsRequest;
import dev.netmark.shim.cri.api.PodSandboxStatsResponse;
import dev.netmark.shim.cri.api.RuntimeServiceGrpc;
import dev.netmark.shim.state.SandboxEntry;
import io.grpc.StatusException;
import java.util.Map;

/**
 * Stats of the shim's sandboxes and containers: they run no processes, so usage is zero with a
 * current timestamp; lists merge them into upstream's answer.
 */
final class StatsRoutes {
  private final NetperfNode node;

  StatsRoutes(NetperfNode node) {
    this.node = node;
  }

  void addTo(Map<String, UnaryRoute> routes) {
    routes.put(RuntimeServiceGrpc.getContainerStatsMethod().getFullMethodName(), this::container);
    routes.put(
        RuntimeServiceGrpc.getListContainerStatsMethod().getFullMethodName(), this::listContainers);
    routes.put(RuntimeServiceGrpc.getPodSandboxStatsMethod().getFullMethodName(), this::sandbox);
    routes.put(
        RuntimeServiceGrpc.getListPodSandboxStatsMethod().getFullMethodName(), this::listSandboxes);
  }

  private Reply container(byte[] bytes) throws StatusException {
    var req = Statuses.parse(ContainerStatsRequest.parser(), bytes, "ContainerStats");
    var c = node.state().container(req.getContainerId());
    if (c.isEmpty()) {
      return Reply.forward();
    }
    return Reply.local(
        ContainerStatsResponse.newBuilder()
            .setStats(CriMessages.containerStats(c.get(), EpochNanos.now()))
            .build());
  }

  private Reply listContainers(byte[] bytes) throws StatusException {
    var filter =
        Statuses.parse(ListContainerStatsRequest.parser(), bytes, "ListContainerStats").getFilter();
    return Reply.forwardAndMerge(
        upstream -> {
          ListContainerStatsResponse.Builder merged;
          try {
            merged = ListContainerStatsResponse.parseFrom(upstream).toBuilder();
          } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("upstream ListContainerStats answer is malformed", e);
          }
          long now = EpochNanos.now();
          node.state().sandboxes().stream()
              .flatMap(s -> s.containers().stream())
              .filter(c -> Filters.matches(filter, c.id(), c.sandboxId(), c.labels()))
              .forEach(c -> merged.addStats(CriMessages.containerStats(c, now)));
          return merged.build().toByteArray();
        });
  }

  private Reply sandbox(byte[] bytes) throws StatusException {
    var req = Statuses.parse(PodSandboxStatsRequest.parser(), bytes, "PodSandboxStats");
    var s = node.state().sandbox(req.getPodSandboxId());
    if (s.isEmpty()) {
      return Reply.forward();
    }
    return Reply.local(
        PodSandboxStatsResponse.newBuilder().setStats(stats(s.get(), EpochNanos.now())).build());
  }

  private Reply listSandboxes(byte[] bytes) throws StatusException {
    var filter =
        Statuses.parse(ListPodSandboxStatsRequest.parser(), bytes, "ListPodSandboxStats")
            .getFilter();
    return Reply.forwardAndMerge(
        upstream -> {
          ListPodSandboxStatsResponse.Builder merged;
          try {
            merged = ListPodSandboxStatsResponse.parseFrom(upstream).toBuilder();
          } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("upstream ListPodSandboxStats answer is malformed", e);
          }
          long now = EpochNanos.now();
          node.state().sandboxes().stream()
              .filter(s -> Filters.matches(filter, s.id(), s.labels()))
              .forEach(s -> merged.addStats(stats(s, now)));
          return merged.build().toByteArray();
        });
  }

  private static PodSandboxStats stats(SandboxEntry s, long now) {
    var linux =
        LinuxPodSandboxStats.newBuilder()
            .setCpu(CriMessages.cpu(now))
            .setMemory(CriMessages.memory(now));
    s.containers().forEach(c -> linux.addContainers(CriMessages.containerStats(c, now)));
    return PodSandboxStats.newBuilder()
        .setAttributes(
            PodSandboxAttributes.newBuilder()
                .setId(s.id())
                .setMetadata(CriMessages.metadata(s.pod()))
                .putAllLabels(s.labels())
                .putAllAnnotations(s.annotations()))
        .setLinux(linux)
        .build();
  }
}
