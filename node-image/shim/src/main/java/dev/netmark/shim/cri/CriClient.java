package dev.netmark.shim.cri;

import dev.netmark.shim.cri.api.ImageServiceGrpc;
import dev.netmark.shim.cri.api.ImageServiceGrpc.ImageServiceBlockingStub;
import dev.netmark.shim.cri.api.RemovePodSandboxRequest;
import dev.netmark.shim.cri.api.RuntimeServiceGrpc;
import dev.netmark.shim.cri.api.RuntimeServiceGrpc.RuntimeServiceBlockingStub;
import dev.netmark.shim.cri.api.StopPodSandboxRequest;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.ClientCalls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * kubelet's CRI connection: a gRPC channel to a runtime's unix socket (a shim's, or containerd's),
 * with kubelet's deadlines: 4 minutes for RunPodSandbox (a CNI ADD may be slow), 2 minutes for
 * everything else. The one CRI client of local mode's kubelet stand-in, the benchmarks and the
 * shim's tests.
 */
public final class CriClient implements AutoCloseable {
  public static final Duration SANDBOX_DEADLINE = Duration.ofMinutes(4);
  public static final Duration CALL_DEADLINE = Duration.ofMinutes(2);
  private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  private final EventLoopGroup loop;
  private final ManagedChannel channel;
  private final Path socket;

  private CriClient(Path socket) {
    this.socket = socket;
    this.loop = new EpollEventLoopGroup(1);
    this.channel =
        NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
            .channelType(EpollDomainSocketChannel.class)
            .eventLoopGroup(loop)
            .overrideAuthority("localhost")
            .usePlaintext()
            .maxInboundMessageSize(MAX_MESSAGE_BYTES)
            .build();
  }

  /** A client of the CRI socket at {@code socket}; connects lazily. */
  public static CriClient connect(Path socket) {
    return new CriClient(socket);
  }

  /** The runtime service with {@code deadline} from now. */
  public RuntimeServiceBlockingStub runtime(Duration deadline) {
    return RuntimeServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The runtime service with the deadline of every call but RunPodSandbox. */
  public RuntimeServiceBlockingStub runtime() {
    return runtime(CALL_DEADLINE);
  }

  /** StopPodSandbox (the shim runs CNI DEL) then RemovePodSandbox, as kubelet tears a pod down. */
  public void stopAndRemove(String sandboxId) {
    runtime().stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(sandboxId).build());
    runtime()
        .removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(sandboxId).build());
  }

  /**
   * Calls any unary method with raw request bytes and returns the raw response bytes: what a client
   * built from a newer CRI than this one sends.
   */
  public byte[] rawUnary(String fullMethodName, byte[] request) {
    return ClientCalls.blockingUnaryCall(
        channel,
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setFullMethodName(fullMethodName)
            .setType(MethodDescriptor.MethodType.UNARY)
            .setRequestMarshaller(RawBytes.MARSHALLER)
            .setResponseMarshaller(RawBytes.MARSHALLER)
            .build(),
        CallOptions.DEFAULT.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS),
        request);
  }

  /** The image service with the default deadline. */
  public ImageServiceBlockingStub images() {
    return ImageServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Connects again at once, not after gRPC's reconnect back-off (up to 2 minutes). */
  public void reconnect() {
    channel.resetConnectBackoff();
  }

  /** Whether {@link #close} was called: calls fail from now on. */
  public boolean closed() {
    return channel.isShutdown();
  }

  public Path socket() {
    return socket;
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
