package dev.netmark.bench.shim;

import dev.netmark.shim.cri.api.PodSandboxConfig;
import dev.netmark.shim.cri.api.PodSandboxMetadata;
import dev.netmark.shim.cri.api.RemovePodSandboxRequest;
import dev.netmark.shim.cri.api.RunPodSandboxRequest;
import dev.netmark.shim.cri.api.RuntimeServiceGrpc;
import dev.netmark.shim.cri.api.RuntimeServiceGrpc.RuntimeServiceBlockingStub;
import dev.netmark.shim.cri.api.StopPodSandboxRequest;
import dev.netmark.shim.cri.api.VersionRequest;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** kubelet's side of the shim's socket, as local mode's CriClient connects it. */
final class Cri implements AutoCloseable {
  private static final long DEADLINE_SECONDS = 240;

  private final EventLoopGroup loop = new EpollEventLoopGroup(1);
  private final ManagedChannel channel;

  Cri(Path socket) {
    channel =
        NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
            .channelType(EpollDomainSocketChannel.class)
            .eventLoopGroup(loop)
            .overrideAuthority("localhost")
            .usePlaintext()
            .build();
  }

  private RuntimeServiceBlockingStub runtime() {
    return RuntimeServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  /** RunPodSandbox of a netperf pod (label {@code netperf: "true"}); returns the sandbox id. */
  String runNetperfPod(String name, String uid) {
    PodSandboxConfig config =
        PodSandboxConfig.newBuilder()
            .setMetadata(
                PodSandboxMetadata.newBuilder().setName(name).setNamespace("nso").setUid(uid))
            .setHostname(name)
            .setLogDirectory("/var/log/pods/nso_" + name + "_" + uid)
            .putLabels("netperf", "true")
            .putLabels("io.kubernetes.pod.uid", uid)
            .build();
    return runtime()
        .runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(config).build())
        .getPodSandboxId();
  }

  /** StopPodSandbox (CNI DEL) and RemovePodSandbox (the namespace goes). */
  void stopAndRemove(String sandboxId) {
    runtime().stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(sandboxId).build());
    runtime()
        .removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(sandboxId).build());
  }

  /** Whether a CRI Version call through the socket succeeds (the shim forwards it upstream). */
  boolean versionAnswers() {
    try {
      RuntimeServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(2, TimeUnit.SECONDS)
          .version(VersionRequest.getDefaultInstance());
      return true;
    } catch (StatusRuntimeException e) {
      return false; // not serving yet
    }
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
