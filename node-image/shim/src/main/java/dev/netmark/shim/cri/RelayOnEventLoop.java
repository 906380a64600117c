package dev.netmark.shim.cri;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Runs the callbacks of purely relayed calls on the transport's event loop: they only hand messages
 * to the other leg and never block, so a thread hop per message would only add latency. Calls the
 * shim may answer itself keep the server's (virtual-thread) executor, since answering can block on
 * CNI plugins.
 */
final class RelayOnEventLoop implements ServerCallExecutorSupplier {
  private static final Executor DIRECT = Runnable::run;
  private final Set<String> routed;

  RelayOnEventLoop(Set<String> routed) {
    this.routed = Set.copyOf(routed);
  }

  @Override
  public <ReqT, RespT> Executor getExecutor(ServerCall<ReqT, RespT> call, Metadata metadata) {
    return routed.contains(call.getMethodDescriptor().getFullMethodName()) ? null : DIRECT;
  }
}
