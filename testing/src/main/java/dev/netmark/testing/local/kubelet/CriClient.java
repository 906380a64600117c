package dev.netmark.testing.local.kubelet;

import dev.netmark.shim.cri.api.ImageServiceGrpc;
import dev.netmark.shim.cri.api.ImageServiceGrpc.ImageServiceBlockingStub;
import dev.netmark.shim.cri.api.RuntimeServiceGrpc;
import dev.netmark.shim.cri.api.RuntimeServiceGrpc.RuntimeServiceBlockingStub;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * kubelet's CRI connection: a gRPC channel to the runtime's unix socket (here the node's shim),
 * with kubelet's deadlines: 4 minutes for RunPodSandbox (a CNI ADD may be slow), 2 minutes for
 * everything else.
 */
final class CriClient implements AutoCloseable {
  static final Duration SANDBOX_DEADLINE = Duration.ofMinutes(4);
  static final Duration CALL_DEADLINE = Duration.ofMinutes(2);
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
  static CriClient connect(Path socket) {
    return new CriClient(socket);
  }

  /** The runtime service with {@code deadline} from now. */
  RuntimeServiceBlockingStub runtime(Duration deadline) {
    return RuntimeServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The image service with the default deadline. */
  ImageServiceBlockingStub images() {
    return ImageServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Connects again at once, not after gRPC's reconnect back-off (up to 2 minutes). */
  void reconnect() {
    channel.resetConnectBackoff();
  }

  /** Whether {@link #close} was called: calls fail from now on. */
  boolean closed() {
    return channel.isShutdown();
  }

  Path socket() {
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
