package dev.netmark.testing.local.kubelet;

import dev.netmark.shim.cri.CriClient;
import dev.netmark.shim.cri.api.ImageServiceGrpc;
import dev.netmark.shim.cri.api.PodSandboxNetworkStatus;
import dev.netmark.shim.cri.api.PodSandboxStatus;
import dev.netmark.shim.cri.api.PodSandboxStatusResponse;
import dev.netmark.shim.cri.api.PullImageRequest;
import dev.netmark.shim.cri.api.PullImageResponse;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A CRI runtime served on a unix socket for pod-worker tests, and the node context around it. */
final class FakeRuntime implements AutoCloseable {
  private final EpollEventLoopGroup loops;
  private final Server server;

  private FakeRuntime(EpollEventLoopGroup loops, Server server) {
    this.loops = loops;
    this.server = server;
  }

  /** Serves {@code services} on {@code socket}, one event loop for all. */
  static FakeRuntime serve(Path socket, ServerServiceDefinition... services) throws IOException {
    EpollEventLoopGroup loops = new EpollEventLoopGroup(1);
    var builder =
        NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
            .channelType(EpollServerDomainSocketChannel.class)
            .bossEventLoopGroup(loops)
            .workerEventLoopGroup(loops);
    for (ServerServiceDefinition s : services) {
      builder.addService(s);
    }
    return new FakeRuntime(loops, builder.build().start());
  }

  /** Serves {@code service} on {@code socket}. */
  static FakeRuntime serve(Path socket, BindableService service) throws IOException {
    return serve(socket, service.bindService());
  }

  /** The status of sandbox {@code id}: ready, with the pod IP 10.1.0.2. */
  static PodSandboxStatusResponse sandboxStatus(String id) {
    return PodSandboxStatusResponse.newBuilder()
        .setStatus(
            PodSandboxStatus.newBuilder()
                .setId(id)
                .setNetwork(PodSandboxNetworkStatus.newBuilder().setIp("10.1.0.2")))
        .build();
  }

  /** Creates pod {@code ns1/netperf-pod-0} (UID {@code uid-1}, one pause container) in the API. */
  static Pod netperfPod(KubernetesClient kube) {
    return kube.pods()
        .inNamespace("ns1")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withNamespace("ns1")
                .withName("netperf-pod-0")
                .withUid("uid-1")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("netperf")
                .withImage("registry.k8s.io/pause:3.10")
                .endContainer()
                .endSpec()
                .build())
        .create();
  }

  /** An image service that pulls every image as {@code sha256:pause}. */
  static ServerServiceDefinition images() {
    return new ImageServiceGrpc.ImageServiceImplBase() {
      @Override
      public void pullImage(PullImageRequest req, StreamObserver<PullImageResponse> out) {
        answer(out, PullImageResponse.newBuilder().setImageRef("sha256:pause").build());
      }
    }.bindService();
  }

  /** Answers a unary call with {@code response}. */
  static <T> void answer(StreamObserver<T> out, T response) {
    out.onNext(response);
    out.onCompleted();
  }

  /** The context of node {@code node-1} (10.0.0.1): no control pods, a short back-off. */
  static NodeContext node(KubernetesClient kube, CriClient cri, Pleg pleg, Path dir) {
    return new NodeContext(
        "node-1",
        "10.0.0.1",
        kube,
        cri,
        pleg,
        null,
        dir.resolve("logs"),
        new Backoff(Duration.ofMillis(20), Duration.ofMillis(50)),
        SandboxWatch.NONE,
        () -> false);
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
