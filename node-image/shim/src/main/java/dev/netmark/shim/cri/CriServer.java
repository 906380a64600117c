package dev.netmark.shim.cri;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * The CRI endpoint kubelet talks to: a gRPC server on a unix socket in front of the upstream
 * runtime's socket. Calls the routes claim are answered by the shim; all others are relayed.
 */
public final class CriServer implements AutoCloseable {
  /** kubelet's and containerd's limit for one CRI message. */
  static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  private final Path socket;
  private final EventLoopGroup loops;
  private final ExecutorService handlers;
  private final ManagedChannel upstream;
  private final Server server;

  private CriServer(Path socket, Path upstreamSocket, Map<String, UnaryRoute> routes)
      throws IOException {
    this.socket = socket;
    this.loops = new EpollEventLoopGroup(2);
    // Handlers may block on CNI plugins; a virtual thread per call keeps that cheap.
    this.handlers = Executors.newVirtualThreadPerTaskExecutor();
    this.upstream = connect(upstreamSocket, loops);
    this.server =
        NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
            .channelType(EpollServerDomainSocketChannel.class)
            .bossEventLoopGroup(loops)
            .workerEventLoopGroup(loops)
            .executor(handlers)
            .callExecutor(new RelayOnEventLoop(routes.keySet()))
            .maxInboundMessageSize(MAX_MESSAGE_BYTES)
            .fallbackHandlerRegistry(new CriRegistry(upstream, routes))
            .build();
    try {
      UnixSockets.prepareToListen(socket);
      server.start();
      UnixSockets.restrict(socket);
    } catch (IOException | RuntimeException e) {
      release(false);
      throw new IOException("cannot listen on " + socket + ": " + e.getMessage(), e);
    }
  }

  /** A server that forwards every call to {@code upstreamSocket} unchanged. */
  public static CriServer passThrough(Path socket, Path upstreamSocket) throws IOException {
    return new CriServer(socket, upstreamSocket, Map.of());
  }

  /**
   * A server that answers the calls about the netperf pods of {@code node} and forwards the rest to
   * {@code upstreamSocket}.
   */
  public static CriServer netperf(Path socket, Path upstreamSocket, NetperfNode node)
      throws IOException {
    return new CriServer(socket, upstreamSocket, NetperfRoutes.of(node, upstreamSocket));
  }

  /** A server whose {@code routes} (by full method name) decide the calls they name. */
  static CriServer start(Path socket, Path upstreamSocket, Map<String, UnaryRoute> routes)
      throws IOException {
    return new CriServer(socket, upstreamSocket, routes);
  }

  /**
   * A plaintext channel to a CRI socket. Callbacks run on the event loop (the relay never blocks in
   * them), which saves a thread hop per message.
   */
  static ManagedChannel connect(Path socket, EventLoopGroup loops) {
    return NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
        .channelType(EpollDomainSocketChannel.class)
        .eventLoopGroup(loops)
        .directExecutor()
        .overrideAuthority("localhost")
        .usePlaintext()
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .build();
  }

  /** Where the server listens. */
  public Path socket() {
    return socket;
  }

  /** Stops taking calls, waits briefly for running ones, and removes the socket file. */
  @Override
  public void close() {
    release(true);
  }

  private void release(boolean listening) {
    server.shutdown();
    upstream.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
      if (!upstream.awaitTermination(5, TimeUnit.SECONDS)) {
        upstream.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
      upstream.shutdownNow();
    }
    handlers.close();
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    if (!listening) {
      return; // the socket file, if any, belongs to whoever else listens there
    }
    try {
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      // The next start removes a stale socket anyway; say so rather than fail the shutdown.
      LoggerFactory.getLogger(CriServer.class)
          .warn("could not remove {}: {}", socket, e.toString());
    }
  }
}
