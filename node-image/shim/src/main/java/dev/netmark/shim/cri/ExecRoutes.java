package dev.netmark.shim.cri;

import dev.netmark.shim.cri.api.AttachRequest;
import dev.netmark.shim.cri.api.CheckpointContainerRequest;
import dev.netmark.shim.cri.api.ExecRequest;
import dev.netmark.shim.cri.api.ExecSyncRequest;
import dev.netmark.shim.cri.api.RuntimeServiceGrpc;
import io.grpc.Status;
import java.util.Map;

/**
 * ExecSync, Exec, Attach and CheckpointContainer: a netperf container runs no process of its own,
 * so for the shim's containers they fail with UNIMPLEMENTED saying so; others are forwarded.
 */
final class ExecRoutes {
  private final NetperfNode node;

  ExecRoutes(NetperfNode node) {
    this.node = node;
  }

  void addTo(Map<String, UnaryRoute> routes) {
    add(
        routes,
        RuntimeServiceGrpc.getExecSyncMethod().getFullMethodName(),
        "ExecSync",
        b -> ExecSyncRequest.parseFrom(b).getContainerId());
    add(
        routes,
        RuntimeServiceGrpc.getExecMethod().getFullMethodName(),
        "Exec",
        b -> ExecRequest.parseFrom(b).getContainerId());
    add(
        routes,
        RuntimeServiceGrpc.getAttachMethod().getFullMethodName(),
        "Attach",
        b -> AttachRequest.parseFrom(b).getContainerId());
    add(
        routes,
        RuntimeServiceGrpc.getCheckpointContainerMethod().getFullMethodName(),
        "CheckpointContainer",
        b -> CheckpointContainerRequest.parseFrom(b).getContainerId());
  }

  private void add(
      Map<String, UnaryRoute> routes, String method, String name, ContainerIds.IdOf idOf) {
    routes.put(
        method,
        bytes -> {
          String id = ContainerIds.of(idOf, bytes, method);
          if (node.state().container(id).isEmpty()) {
            return Reply.forward();
          }
          throw Statuses.error(
              Status.UNIMPLEMENTED,
              name
                  + " is not supported for netperf container "
                  + id
                  + ": it runs no process of its own");
        });
  }
}
